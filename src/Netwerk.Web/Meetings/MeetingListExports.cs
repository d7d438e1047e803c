using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;

namespace Netwerk.Web.Meetings;

/// <summary>
/// A meeting's invitee list and attendance list as .xlsx for the organiser (the sign-in sheet at the door, the list
/// for the partners): name, organisation, function, e-mail and the answer (and for attendance whether they came).
/// The same checks as the planner's other lists: the meeting must be visible, the caller organiser where it lives, and
/// people outside the caller's regions are counted but not named. Cells are text cells, so a name like "=1+1" is
/// shown, never run as a formula.
/// </summary>
public static class MeetingListExports
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id}/invitees.xlsx", Invitees).RequireAuthorization(RolePolicies.Organiser)
            .Produces(StatusCodes.Status200OK, contentType: ContentType).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The invite list as a spreadsheet: name, organisation, function, e-mail, answer.");
        group.MapGet("/{id}/attendance.xlsx", Attendance).RequireAuthorization(RolePolicies.Organiser)
            .Produces(StatusCodes.Status200OK, contentType: ContentType).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Who was invited and who came, as a spreadsheet: name, organisation, function, e-mail, answer, present, dates.");
    }

    private sealed record Person(string Id, string Name, string? Organisation, string? Function, string? Email);

    private static async Task<FileContentHttpResult> Invitees(string id, IGraphStore store, PlanningGraph planning, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var (state, invitees) = await LoadAsync(id, store, planning, access, ct);
        var en = RequestLanguage.Of(http) == "en";
        var visible = await access.VisibleAsync(ct);
        var rows = new List<string?[]>();
        foreach (var invitee in invitees)
        {
            var person = await DescribeAsync(store, invitee.PersonId, invitee.Name, invitee.Email, visible, en, ct);
            rows.Add([person.Name, person.Organisation, person.Function, person.Email, Answer(invitee.Status, en)]);
        }
        string[] headers = en ? ["Name", "Organisation", "Function", "E-mail", "Answer"] : ["Naam", "Organisatie", "Functie", "E-mail", "Antwoord"];
        return File(Workbook(en ? "Invitees" : "Genodigden", state, headers, rows, [28, 32, 24, 32, 18]), $"genodigden-{FileDay(state)}-{id}.xlsx");
    }

    private static async Task<FileContentHttpResult> Attendance(string id, IGraphStore store, PlanningGraph planning, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var (state, invitees) = await LoadAsync(id, store, planning, access, ct);
        var en = RequestLanguage.Of(http) == "en";
        var visible = await access.VisibleAsync(ct);
        var attended = (await InviteeEndpoints.RelationshipsToAsync(store, MeetingState.Attended, id, ct)).ToLookup(r => r.From, StringComparer.Ordinal);
        var rows = new List<string?[]>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invitee in invitees)
        {
            listed.Add(invitee.PersonId);
            var person = await DescribeAsync(store, invitee.PersonId, invitee.Name, invitee.Email, visible, en, ct);
            rows.Add(Row(person, Answer(invitee.Status, en), attended[invitee.PersonId], en));
        }
        // People who came without being on the list (walk-ins registered at the door) are on the sheet too.
        foreach (var group in attended.Where(g => !listed.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var node = await store.GetNodeAsync(group.Key, ct);
            var person = await DescribeAsync(store, group.Key, node is null ? group.Key : MeetingNode.Text(node.Properties, "name") ?? group.Key,
                node is null ? null : MeetingNode.Text(node.Properties, "email"), visible, en, ct);
            rows.Add(Row(person, en ? "Not invited" : "Niet uitgenodigd", group, en));
        }
        string[] headers = en ? ["Name", "Organisation", "Function", "E-mail", "Answer", "Present", "Dates present"]
            : ["Naam", "Organisatie", "Functie", "E-mail", "Antwoord", "Aanwezig", "Aanwezig op"];
        return File(Workbook(en ? "Attendance" : "Aanwezigheden", state, headers, rows, [28, 32, 24, 32, 18, 12, 24]), $"aanwezigheden-{FileDay(state)}-{id}.xlsx");
    }

    private sealed record Listed(string PersonId, string Name, string? Email, string? Status);

    /// <summary>
    /// The meeting and its invitees: the list its rules give now (with each person's answer), then anyone invited
    /// (INVITED) whom the rules no longer give — an invitation sent is an invitation, whatever the rules say today.
    /// </summary>
    private static async Task<(MeetingState State, List<Listed> Invitees)> LoadAsync(string id, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct)
    {
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var stored = state.InviteList ?? new StoredInviteList(new InviteListDefinition());
        var list = await InviteeEndpoints.DescribeAsync(store, planning, state, stored, ct, await access.VisibleAsync(ct));
        var people = list.Invitees.Select(i => new Listed(i.PersonId, i.Name, i.Email, i.Status)).ToList();
        var listed = people.Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        foreach (var invited in (await Invitations.Invited.OfMeetingAsync(store, id, ct)).Where(i => !i.Removed && !listed.Contains(i.PersonId)).OrderBy(i => i.PersonId, StringComparer.Ordinal))
        {
            if (!listed.Add(invited.PersonId)) continue;
            var node = await store.GetNodeAsync(invited.PersonId, ct);
            people.Add(new Listed(invited.PersonId, node is null ? invited.PersonId : store.Schema.NameOf(node) ?? invited.PersonId,
                node is null ? null : MeetingNode.Text(node.Properties, "email"), invited.Answer));
        }
        return (state, people);
    }

    private static string?[] Row(Person person, string answer, IEnumerable<Relationship> attended, bool en)
    {
        var dates = attended.Select(r => MeetingNode.DateTime(r.Properties, "occurrence")).OfType<DateTimeOffset>()
            .Select(d => MeetingRecurrence.ToBrussels(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();
        var present = attended.Any();
        return [person.Name, person.Organisation, person.Function, person.Email, answer, present ? (en ? "yes" : "ja") : (en ? "no" : "nee"), string.Join(", ", dates)];
    }

    /// <summary>A person's organisation and function from their current employment (WORKS_FOR), else their own function.</summary>
    private static async Task<Person> DescribeAsync(IGraphStore store, string personId, string name, string? email, Func<string, bool>? visible, bool en, CancellationToken ct)
    {
        if (visible is not null && !visible(personId)) return new Person(personId, InviteeEndpoints.HiddenName, null, null, null);
        var jobs = (await store.FindRelationshipsAsync(new RelationshipQuery { Type = "WORKS_FOR", From = personId, Limit = 50 }, ct)).Items
            .OrderByDescending(r => r.ValidUntil is null).ThenByDescending(r => r.ValidFrom).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var job = jobs.FirstOrDefault();
        string? organisation = null;
        if (job is not null && await store.GetNodeAsync(job.To, ct) is { } org && (visible is null || visible(org.Id))) organisation = store.Schema.NameOf(org) ?? org.Id;
        var function = job is not null ? MeetingNode.Text(job.Properties, "function") : null;
        if (function is null && await store.GetNodeAsync(personId, ct) is { } node) function = MeetingNode.Text(node.Properties, "function");
        return new Person(personId, name, organisation, FunctionLabel(store, function, en), email);
    }

    private static string? FunctionLabel(IGraphStore store, string? code, bool en)
    {
        if (code is null) return null;
        var values = store.Schema.RelationshipType("WORKS_FOR")?.Property("function")?.Values ?? store.Schema.Kind("Person")?.Property("function")?.Values;
        return values?.FirstOrDefault(v => v.Value == code)?.Label.For(en ? "en" : "nl") ?? code;
    }

    private static string Answer(string? status, bool en) => (status, en) switch
    {
        ("accepted", false) => "Komt",
        ("accepted", true) => "Accepted",
        ("tentative", false) => "Misschien",
        ("tentative", true) => "Tentative",
        ("declined", false) => "Komt niet",
        ("declined", true) => "Declined",
        ("waitlisted", false) => "Wachtlijst",
        ("waitlisted", true) => "Waiting list",
        (null, false) => "Nog niet uitgenodigd",
        (null, true) => "Not invited yet",
        (_, false) => "Nog geen antwoord",
        (_, true) => "No answer yet",
    };

    private static string FileDay(MeetingState state) => MeetingRecurrence.ToBrussels(state.Start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static FileContentHttpResult File(byte[] bytes, string name) => TypedResults.File(bytes, ContentType, name);

    /// <summary>One sheet: the meeting's title and date above a header row, frozen below the header, with a filter over the table.</summary>
    private static byte[] Workbook(string sheetName, MeetingState state, string[] headers, List<string?[]> rows, double[] widths)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(sheetName);
        Text(sheet.Cell(1, 1), $"{state.Title} — {MeetingRecurrence.ToBrussels(state.Start):yyyy-MM-dd HH:mm}");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        const int headerRow = 3;
        for (var c = 0; c < headers.Length; c++)
        {
            Text(sheet.Cell(headerRow, c + 1), headers[c]);
            sheet.Column(c + 1).Width = widths[c];
        }
        sheet.Row(headerRow).Style.Font.Bold = true;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < headers.Length; c++) Text(sheet.Cell(headerRow + 1 + r, c + 1), rows[r][c] ?? "");
        }
        sheet.SheetView.FreezeRows(headerRow);
        sheet.Range(headerRow, 1, headerRow + Math.Max(rows.Count, 1), headers.Length).SetAutoFilter();
        using var buffer = new MemoryStream();
        book.SaveAs(buffer);
        return buffer.ToArray();
    }

    /// <summary>Stores text as a text cell: never a formula, never a number or date guessed from it.</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
