using Hangfire;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Netwerk.Core.Planning;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Meetings;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Invitations;

/// <summary>An answer from the page an answer link opens: the token from the link and accepted, tentative or declined.</summary>
public sealed record RsvpRequest(string? Token, string? Answer);

public sealed record RsvpOccurrence(DateTimeOffset Start, DateTimeOffset End);

/// <summary>What the answer page shows: the meeting as it is now and the person's answer. Nothing about other invitees.</summary>
public sealed record RsvpSummary
{
    public required string Title { get; init; }
    public string? Description { get; init; }
    /// <summary>The next (or only) occurrence, or the one occurrence the link is about.</summary>
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required IReadOnlyList<RsvpOccurrence> Upcoming { get; init; }
    public required bool Recurring { get; init; }
    public string? Location { get; init; }
    public string? OnlineUrl { get; init; }
    public required string Organizer { get; init; }
    /// <summary>planned, cancelled, held (draft never reaches a person).</summary>
    public required string MeetingStatus { get; init; }
    public required string PersonName { get; init; }
    /// <summary>nl or en: the person's preferred language, for the page.</summary>
    public required string Language { get; init; }
    /// <summary>needs-action, accepted, tentative, declined, waitlisted.</summary>
    public required string Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    /// <summary>The meeting changed after the mail with this link was sent: the page shows what it is now.</summary>
    public required bool Changed { get; init; }
    public required DateTimeOffset LinkExpiresAt { get; init; }
}

/// <summary>
/// Answers without an account, authorised by the signed token of the answer link (<see cref="RsvpTokens"/>): the page
/// at <c>/rsvp/{token}</c> shows the meeting (<c>GET /api/rsvp/{token}</c>), records an answer only by a POST when the
/// person clicks (a mail scanner that opens every link answers nothing), and offers the invitation as a .ics file.
/// Bad tokens are 400, expired ones 410; nothing here is a 500. Answers are written to INVITED through the store, so
/// organisers see them at once.
/// </summary>
public static class RsvpEndpoints
{
    public const string RateLimit = "rsvp";
    internal const int UpcomingShown = 6;

    public static IEndpointRouteBuilder MapRsvp(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rsvp").WithTags("Answers").AllowAnonymous().RequireRateLimiting(RateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/", Answer).WithSummary("Records accepted, tentative or declined for the person and meeting of the token; the answer can be changed.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{token}", Summary).WithSummary("The meeting as the answer page shows it, with the person's current answer.");
        api.MapGet("/{token}/invite.ics", Calendar).WithSummary("The invitation as a calendar file (METHOD:REQUEST) for 'add to my calendar'.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        // The page itself reads the token from its address; this serves it for every token.
        app.MapGet("/rsvp/{token}", Page).AllowAnonymous().RequireRateLimiting(RateLimit).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<RsvpSummary>> Answer(RsvpRequest? body, RsvpAnswering answering, HttpContext http, CancellationToken ct)
    {
        if (!RsvpTokens.TryParseAnswer(body?.Answer, out var answer))
        {
            throw RequestProblemException.Invalid(new ValidationError("answer", "not-allowed", body?.Answer ?? "", "accepted, tentative, declined"));
        }
        return TypedResults.Ok(await answering.AnswerAsync(body?.Token, answer, RequestLanguage.Of(http), ct));
    }

    private static async Task<Ok<RsvpSummary>> Summary(string token, RsvpAnswering answering, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await answering.SummaryAsync(token, RequestLanguage.Of(http), ct));

    private static async Task<FileContentHttpResult> Calendar(string token, RsvpAnswering answering, HttpContext http, CancellationToken ct)
    {
        var (text, method) = await answering.CalendarAsync(token, RequestLanguage.Of(http), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), $"text/calendar; method={method}; charset=utf-8", InvitationMessage.AttachmentName);
    }

    private static FileStreamHttpResult Page(string token, IWebHostEnvironment environment, HttpContext http)
    {
        var page = environment.WebRootFileProvider.GetFileInfo("rsvp.html");
        if (!page.Exists)
        {
            throw new RequestProblemException(StatusCodes.Status404NotFound, "page-not-built",
                detail: "De antwoordpagina is niet gebouwd (cd web && npm run build).");
        }
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
    }
}

/// <summary>Reads and records answers for the holder of an answer token.</summary>
public sealed class RsvpAnswering(
    IGraphStore store, RsvpTokens tokens, InvitationEvents events, InvitationCalendar calendars, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<RsvpSummary> SummaryAsync(string? token, string language, CancellationToken ct)
    {
        var (grant, meeting, invited, person) = await OpenAsync(token, language, ct);
        return await DescribeAsync(grant, meeting, invited, person, ct);
    }

    public async Task<RsvpSummary> AnswerAsync(string? token, RsvpAnswer answer, string language, CancellationToken ct)
    {
        var (grant, meeting, invited, person) = await OpenAsync(token, language, ct);
        var en = language == "en";
        if (meeting.Status == "cancelled")
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "meeting-cancelled",
                detail: en ? "This meeting is cancelled; there is nothing to answer." : "Deze activiteit gaat niet door; antwoorden hoeft niet meer.");
        }
        var status = RsvpTokens.AnswerCode(answer);
        if (answer == RsvpAnswer.Accepted && MeetingNode.Integer(meeting.Properties, "capacity") is { } capacity && invited.Answer is not ("accepted" or "waitlisted"))
        {
            var taken = (await Invited.OfMeetingAsync(store, meeting.Id, ct)).Count(i => !i.Removed && i.PersonId != invited.PersonId && i.Answer == "accepted");
            if (taken >= capacity)
            {
                if (MeetingNode.Boolean(meeting.Properties, "waitingList") == false)
                {
                    throw new RequestProblemException(StatusCodes.Status409Conflict, "meeting-full",
                        detail: en ? "This meeting is full, and it has no waiting list." : "Deze activiteit is volzet, en er is geen wachtlijst.");
                }
                status = "waitlisted";
            }
        }
        var now = clock.GetUtcNow();
        var written = await Invited.UpdateAsync(store, invited.Id, current =>
            current.Answer == status || (status == "accepted" && current.Answer == "waitlisted")
                ? null
                : current.With(("status", status), ("answeredAt", Invited.Format(now))), ct)
            ?? throw Withdrawn(language);
        if (invited.Answer == "accepted" && status != "accepted") await PromoteFromWaitingListAsync(meeting, ct);
        return await DescribeAsync(grant, meeting, written, person, ct);
    }

    /// <summary>
    /// A seat came free: the longest-waiting person on the waiting list gets it (their answer becomes accepted, live
    /// on the organiser's page and on their own answer page) and is told by mail (<see cref="InvitationMailer.TellSeatAsync"/>).
    /// </summary>
    private async Task PromoteFromWaitingListAsync(MeetingState meeting, CancellationToken ct)
    {
        if (MeetingNode.Integer(meeting.Properties, "capacity") is not { } capacity) return;
        var all = (await Invited.OfMeetingAsync(store, meeting.Id, ct)).Where(i => !i.Removed).ToList();
        if (all.Count(i => i.Answer == "accepted") >= capacity) return;
        var next = all.Where(i => i.Answer == "waitlisted").OrderBy(i => i.AnsweredAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.PersonId, StringComparer.Ordinal).FirstOrDefault();
        if (next is null) return;
        var promoted = await Invited.UpdateAsync(store, next.Id, current => current.Answer == "waitlisted"
            ? current.With(("status", "accepted"), ("promotedAt", Invited.Format(clock.GetUtcNow())))
            : null, ct);
        if (promoted is { AwaitsSeatMail: true })
        {
            var (meetingId, personId) = (meeting.Id, promoted.PersonId);
            jobs.Enqueue<InvitationMailer>(m => m.TellSeatAsync(meetingId, personId, CancellationToken.None));
        }
    }

    public async Task<(string Text, string Method)> CalendarAsync(string? token, string language, CancellationToken ct)
    {
        var (_, meeting, invited, person) = await OpenAsync(token, language, ct);
        var kind = meeting.Status == "cancelled" ? MessageKind.Cancellation : MessageKind.Invitation;
        var invitation = await events.ForAsync(meeting, person, kind, null, isUpdate: invited.DeliveredSequence is not null, ct) ?? throw Withdrawn(language);
        return (calendars.Build(invitation), InvitationCalendar.MethodName(invitation.Method));
    }

    private async Task<(RsvpGrant Grant, MeetingState Meeting, Invited Invited, Netwerk.Core.Graph.Node Person)> OpenAsync(string? token, string language, CancellationToken ct)
    {
        var en = language == "en";
        var check = tokens.Verify(token);
        if (check.State == RsvpTokenState.Invalid)
        {
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "rsvp-invalid", detail: en
                ? "This answer link is not valid: it may have been cut off or changed. Open it again from the invitation mail."
                : "Deze antwoordlink is niet geldig: misschien is hij afgebroken of gewijzigd. Open hem opnieuw vanuit de uitnodigingsmail.");
        }
        if (check.State == RsvpTokenState.Expired)
        {
            throw new RequestProblemException(StatusCodes.Status410Gone, "rsvp-expired", detail: en
                ? "This answer link has expired: the meeting is over. Contact the organiser if something is still unclear."
                : "Deze antwoordlink is verlopen: de activiteit is voorbij. Neem contact op met de organisator als er nog iets onduidelijk is.");
        }
        var grant = check.Grant!;
        var meeting = await MeetingState.LoadAsync(store, grant.MeetingId, ct);
        var invited = meeting is null ? null : await Invited.FindAsync(store, grant.MeetingId, grant.PersonId, ct);
        var person = invited is null ? null : await store.GetNodeAsync(grant.PersonId, ct);
        if (meeting is null || invited is null || invited.Removed || person is null) throw Withdrawn(language);
        return (grant, meeting, invited, person);
    }

    private static RequestProblemException Withdrawn(string language) => new(StatusCodes.Status410Gone, "rsvp-withdrawn", detail: language == "en"
        ? "This invitation no longer stands: the meeting was removed or you are no longer on its guest list."
        : "Deze uitnodiging geldt niet meer: de activiteit is verwijderd of je staat niet meer op de uitnodigingslijst.");

    private async Task<RsvpSummary> DescribeAsync(RsvpGrant grant, MeetingState meeting, Invited invited, Netwerk.Core.Graph.Node person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var end = meeting.End > meeting.Start ? meeting.End : meeting.Start.AddHours(1);
        var occurrences = MeetingRecurrence.ExpandLeniently(meeting.Recurrence, meeting.Start, end, meeting.Exceptions, now.AddDays(-1), now.AddDays(2 * 366))
            .Where(o => !o.Cancelled && o.End > now).OrderBy(o => o.Start).ToList();
        if (grant.Occurrence is { } one)
        {
            occurrences = [.. occurrences.Where(o => o.OriginalStart == one)];
        }
        var first = occurrences.FirstOrDefault();
        var change = first?.Change;
        var recipient = InvitationEvents.Recipient(person);
        return new RsvpSummary
        {
            Title = change?.Title ?? meeting.Title,
            Description = change?.Description ?? meeting.Text("description"),
            Start = first?.Start ?? meeting.Start,
            End = first?.End ?? end,
            Upcoming = [.. occurrences.Take(RsvpEndpoints.UpcomingShown).Select(o => new RsvpOccurrence(o.Start, o.End))],
            Recurring = meeting.Recurrence is not null && grant.Occurrence is null,
            Location = change is { Venue: not null } or { Room: not null } or { Address: not null }
                ? InvitationEvents.Location(change.Venue ?? meeting.Text("venue"), change.Room ?? meeting.Text("room"), change.Address ?? meeting.Text("address"))
                : InvitationEvents.Location(meeting.Text("venue"), meeting.Text("room"), meeting.Text("address")),
            OnlineUrl = change?.OnlineUrl ?? meeting.Text("onlineUrl"),
            Organizer = await events.OrganizerNameAsync(meeting, ct),
            MeetingStatus = meeting.Status,
            PersonName = recipient?.Name ?? MeetingNode.Text(person.Properties, "name") ?? "",
            Language = recipient?.PrefersEnglish == true ? "en" : "nl",
            Answer = invited.Answer,
            AnsweredAt = invited.AnsweredAt,
            Changed = grant.Sequence < meeting.Sequence,
            LinkExpiresAt = grant.ExpiresAt,
        };
    }
}
