using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// Reads a sheet row by row into what an import would write: each row's node (or membership) with the schema
/// validator's verdict, the existing node it matches (by e-mail, by name and municipality or organisation, or fuzzy
/// candidates the user confirms), rows that repeat an earlier one merged into it, and the relationships it makes.
/// The same plan serves the preview and the import, so what the user saw is what is written.
/// </summary>
public sealed class SheetImportPlanner
{
    private const double FuzzyThreshold = 0.88;
    private readonly GraphSchema _schema;
    private readonly SchemaValidator _validator;
    private readonly Subgraph _graph;
    private readonly string _language;
    private readonly Dictionary<string, Node> _nodes;
    private readonly ILookup<string, Node> _byEmail;
    private readonly ILookup<string, Node> _personsByKey;
    private readonly ILookup<string, Node> _organisationsByKey;
    private readonly ILookup<string, Node> _municipalitiesByName;
    private readonly ILookup<string, Node> _platformsByName;
    private readonly ILookup<string, Relationship> _relationshipsFrom;

    public SheetImportPlanner(GraphSchema schema, Subgraph graph, string language)
    {
        _schema = schema;
        _validator = new SchemaValidator(schema);
        _graph = graph;
        _language = language;
        _nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _byEmail = graph.Nodes.Where(n => Text(n, "email").Length > 0).ToLookup(n => $"{n.Kind}:{Text(n, "email").ToLowerInvariant()}");
        _personsByKey = graph.Nodes.Where(n => n.Kind == "Person").ToLookup(n => TextMatching.PersonKey(NameOf(n)));
        _organisationsByKey = graph.Nodes.Where(n => n.Kind == "Organisation").ToLookup(n => TextMatching.OrganisationKey(NameOf(n)));
        _municipalitiesByName = graph.Nodes.Where(n => n.Kind == "Municipality").ToLookup(n => TextMatching.Fold(NameOf(n)));
        _platformsByName = graph.Nodes.Where(n => n.Kind == "Platform").ToLookup(n => TextMatching.Fold(NameOf(n)));
        _relationshipsFrom = graph.Relationships.ToLookup(r => r.From, StringComparer.Ordinal);
    }

    /// <summary>The mapping's own problems (unknown column or property, a property twice, a required one missing); empty when usable.</summary>
    public static List<ValidationError> CheckMapping(GraphSchema schema, SheetTable sheet, SpreadsheetImportRequest request)
    {
        var errors = new List<ValidationError>();
        var offered = ImportTargets.Properties(schema, request.Target).ToDictionary(p => p.Name);
        foreach (var (column, property) in request.Mapping)
        {
            if (!sheet.Columns.Contains(column)) errors.Add(new($"mapping.{column}", "unknown-column", column));
            if (!offered.ContainsKey(property)) errors.Add(new($"mapping.{column}", "unknown-property", property, request.Target.ToString()));
        }
        foreach (var twice in request.Mapping.GroupBy(p => p.Value).Where(g => g.Count() > 1))
            errors.Add(new($"mapping.{twice.Last().Key}", "mapped-twice", twice.Key));
        foreach (var (property, _) in request.Defaults)
        {
            if (!offered.ContainsKey(property)) errors.Add(new($"defaults.{property}", "unknown-property", property, request.Target.ToString()));
        }
        var mapped = request.Mapping.Values.Concat(request.Defaults.Keys).ToHashSet();
        var nameGiven = request.Target == ImportTarget.Memberships
            ? mapped.Contains(ImportTargets.Member) || mapped.Contains(ImportTargets.MemberEmail)
            : mapped.Contains("name") || mapped.Contains(ImportTargets.FirstName) || mapped.Contains(ImportTargets.LastName);
        if (!nameGiven) errors.Add(new("mapping", "name-unmapped"));
        if (request.Target == ImportTarget.Memberships && !mapped.Contains(ImportTargets.Platform)) errors.Add(new("mapping", "platform-unmapped"));
        return errors;
    }

    /// <summary>Plans every row; <paramref name="progress"/> hears (rows done, rows) along the way.</summary>
    public SheetPlan Plan(SheetTable sheet, SpreadsheetImportRequest request, Action<int, int>? progress = null)
    {
        var columnsOf = request.Mapping.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
        var columnIndex = sheet.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var rows = new List<RowPlan>(sheet.Rows.Count);
        var firstByKey = new Dictionary<string, RowPlan>();
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var cells = new Dictionary<string, string>();
            foreach (var (column, property) in request.Mapping)
            {
                var text = sheet.Rows[i].Cell(columnIndex[column]);
                if (text.Length > 0) cells[property] = text;
            }
            foreach (var (property, value) in request.Defaults)
            {
                if (!cells.ContainsKey(property) && value.Length > 0) cells[property] = value;
            }
            var row = new RowPlan(sheet.Rows[i].Number, cells, columnsOf);
            if (request.Target == ImportTarget.Memberships) PlanMembership(row);
            else PlanNode(row, request.Target);
            if (row.Errors.Count == 0 && row.DuplicateKey is { } key)
            {
                if (firstByKey.TryGetValue(key, out var first)) MergeInto(first, row);
                else firstByKey[key] = row;
            }
            rows.Add(row);
            if (i % 250 == 249) progress?.Invoke(i + 1, sheet.Rows.Count);
        }
        foreach (var row in rows.Where(r => r.Errors.Count == 0 && r.DuplicateOf is null))
        {
            if (request.Target != ImportTarget.Memberships) Match(row, request.Target);
            ApplyDecision(row, request);
        }
        progress?.Invoke(sheet.Rows.Count, sheet.Rows.Count);
        return new SheetPlan(request, rows);
    }

    private void PlanNode(RowPlan row, ImportTarget target)
    {
        var kind = _schema.Kind(ImportTargets.KindOf(target))!;
        var cells = row.Cells;
        if (!cells.ContainsKey("name") && (cells.ContainsKey(ImportTargets.FirstName) || cells.ContainsKey(ImportTargets.LastName)))
            cells["name"] = $"{cells.GetValueOrDefault(ImportTargets.FirstName)} {cells.GetValueOrDefault(ImportTargets.LastName)}".Trim();
        foreach (var (property, text) in cells)
        {
            if (kind.Property(property) is { } definition && CellValues.Convert(definition, text) is { } value) row.Values[property] = value;
        }
        row.Name = cells.GetValueOrDefault("name", "");
        foreach (var error in _validator.ValidateNode(new NodeDraft { Kind = kind.Code, Properties = row.Values }))
            row.Error(error.Field.Replace("properties.", "", StringComparison.Ordinal), error.Code, error.Message(_language));

        if (cells.TryGetValue(ImportTargets.Municipality, out var municipalities))
        {
            foreach (var name in municipalities.Split([',', ';', '/', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var found = _municipalitiesByName[TextMatching.Fold(name)].FirstOrDefault();
                if (found is not null) row.Municipalities.Add(found.Id);
                else if (target == ImportTarget.Organisations) row.Error(ImportTargets.Municipality, "unknown-municipality", Say("unknown-municipality", name));
                else row.Warn(ImportTargets.Municipality, "unknown-municipality", Say("unknown-municipality", name));
            }
            if (target == ImportTarget.Organisations)
            {
                foreach (var id in row.Municipalities) row.Links.Add(new("ACTIVE_IN", NameOf(_nodes[id]), id));
            }
        }
        if (target == ImportTarget.People && cells.TryGetValue(ImportTargets.Organisation, out var organisation))
        {
            var found = _organisationsByKey[TextMatching.OrganisationKey(organisation)].ToList();
            if (found.Count >= 1)
            {
                row.OrganisationId = found[0].Id;
                row.Links.Add(new("WORKS_FOR", NameOf(found[0]), found[0].Id));
            }
            else
            {
                var guess = Fuzzy(TextMatching.OrganisationKey(organisation), _organisationsByKey, 0.85).Select(x => x.Node).FirstOrDefault();
                row.Error(ImportTargets.Organisation, "unknown-organisation",
                    Say("unknown-organisation", organisation) + (guess is null ? "" : " " + Say("did-you-mean", NameOf(guess))));
            }
        }
        var email = row.Values.TryGetValue("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        var nameKey = target == ImportTarget.People ? TextMatching.PersonKey(row.Name) : TextMatching.OrganisationKey(row.Name);
        row.DuplicateKey = email.Length > 0 ? $"email:{email}"
            : nameKey.Length == 0 ? null
            : $"name:{nameKey}|{string.Join(',', row.Municipalities.Order(StringComparer.Ordinal))}|{row.OrganisationId}";
    }

    private void PlanMembership(RowPlan row)
    {
        var cells = row.Cells;
        var memberName = cells.GetValueOrDefault(ImportTargets.Member, "");
        var memberEmail = cells.TryGetValue(ImportTargets.MemberEmail, out var mail) ? mail.Trim().ToLowerInvariant() : "";
        // A member column that holds e-mail addresses is read as one.
        if (memberEmail.Length == 0 && EmailAddresses.IsValid(memberName.ToLowerInvariant()))
        {
            memberEmail = memberName.ToLowerInvariant();
            memberName = "";
        }
        row.Name = memberName.Length > 0 ? memberName : memberEmail;
        if (memberEmail.Length > 0 && _byEmail[$"Person:{memberEmail}"].FirstOrDefault() is { } byEmail)
        {
            row.Match = new(byEmail.Id, NameOf(byEmail), "email");
        }
        else if (memberName.Length > 0)
        {
            var exact = _personsByKey[TextMatching.PersonKey(memberName)].Concat(_organisationsByKey[TextMatching.OrganisationKey(memberName)]).ToList();
            if (exact.Count == 1) row.Match = new(exact[0].Id, NameOf(exact[0]), "name");
            else if (exact.Count > 1) row.Candidates.AddRange(exact.Select(n => Candidate(n, 1)));
            else
            {
                row.Candidates.AddRange(Fuzzy(TextMatching.PersonKey(memberName), _personsByKey, FuzzyThreshold)
                    .Concat(Fuzzy(TextMatching.OrganisationKey(memberName), _organisationsByKey, FuzzyThreshold))
                    .OrderByDescending(c => c.Score).Take(3).Select(c => Candidate(c.Node, c.Score)));
                if (row.Candidates.Count == 0) row.Error(ImportTargets.Member, "unknown-member", Say("unknown-member", row.Name));
            }
        }
        else row.Error(ImportTargets.Member, "required", new ValidationError("", "required").Message(_language));

        if (cells.TryGetValue(ImportTargets.Platform, out var platformName))
        {
            var platform = _platformsByName[TextMatching.Fold(platformName)].FirstOrDefault();
            if (platform is null)
            {
                var guess = Fuzzy(TextMatching.Fold(platformName), _platformsByName, 0.85).Select(x => x.Node).FirstOrDefault();
                row.Error(ImportTargets.Platform, "unknown-platform",
                    Say("unknown-platform", platformName) + (guess is null ? "" : " " + Say("did-you-mean", NameOf(guess))));
            }
            else
            {
                row.PlatformId = platform.Id;
                row.Links.Add(new("MEMBER_OF", NameOf(platform), platform.Id));
            }
        }
        else row.Error(ImportTargets.Platform, "required", new ValidationError("", "required").Message(_language));

        var memberOf = _schema.RelationshipType("MEMBER_OF")!;
        if (cells.TryGetValue(ImportTargets.Role, out var role) && CellValues.Convert(memberOf.Property("role"), role) is { } roleValue) row.Values["role"] = roleValue;
        row.ValidFrom = cells.TryGetValue(ImportTargets.ValidFrom, out var from) ? CellValues.Date(from) ?? from : null;
        row.ValidUntil = cells.TryGetValue(ImportTargets.ValidUntil, out var until) ? CellValues.Date(until) ?? until : null;
        // The member is not known yet (a candidate to confirm): check the relationship with a stand-in of the likeliest kind.
        var memberKind = row.Match is { } m ? _nodes[m.NodeId].Kind : row.Candidates.FirstOrDefault()?.Kind ?? "Person";
        var draft = new RelationshipDraft
        {
            Type = "MEMBER_OF", From = "member", To = "platform", Properties = row.Values, ValidFrom = row.ValidFrom, ValidUntil = row.ValidUntil,
        };
        foreach (var error in _validator.ValidateRelationship(draft, id => id == "member" ? memberKind : "Platform"))
            row.Error(error.Field.Replace("properties.", "", StringComparison.Ordinal), error.Code, error.Message(_language));
        row.DuplicateKey = row.Match is { } match && row.PlatformId is not null ? $"{match.NodeId}|{row.PlatformId}" : null;
    }

    /// <summary>A later row about the same node: its values fill what the first row left empty; a different value is reported, the first kept.</summary>
    private void MergeInto(RowPlan first, RowPlan duplicate)
    {
        duplicate.DuplicateOf = first.Row;
        foreach (var (property, value) in duplicate.Values)
        {
            if (!first.Values.TryGetValue(property, out var kept)) first.Values[property] = value;
            else if (GraphJson.CanonicalProperties(new Dictionary<string, JsonElement> { ["v"] = kept }) != GraphJson.CanonicalProperties(new Dictionary<string, JsonElement> { ["v"] = value }))
                duplicate.Warn(property, "conflicting-duplicate", Say("conflicting-duplicate", first.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        foreach (var id in duplicate.Municipalities.Where(id => !first.Municipalities.Contains(id))) first.Municipalities.Add(id);
        first.OrganisationId ??= duplicate.OrganisationId;
        foreach (var link in duplicate.Links.Where(l => !first.Links.Contains(l))) first.Links.Add(link);
    }

    private void Match(RowPlan row, ImportTarget target)
    {
        var kind = ImportTargets.KindOf(target);
        var email = row.Values.TryGetValue("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        if (email.Length > 0 && _byEmail[$"{kind}:{email}"].FirstOrDefault() is { } byEmail)
        {
            row.Match = new(byEmail.Id, NameOf(byEmail), "email");
            return;
        }
        var byKey = target == ImportTarget.People ? _personsByKey : _organisationsByKey;
        var key = target == ImportTarget.People ? TextMatching.PersonKey(row.Name) : TextMatching.OrganisationKey(row.Name);
        var same = byKey[key].ToList();
        if (row.Municipalities.Count > 0 && same.FirstOrDefault(n => MunicipalitiesOf(n).Overlaps(row.Municipalities)) is { } local)
        {
            row.Match = new(local.Id, NameOf(local), "name-municipality");
            return;
        }
        if (row.OrganisationId is { } organisation && same.FirstOrDefault(n => Targets(n.Id, "WORKS_FOR").Contains(organisation)) is { } colleague)
        {
            row.Match = new(colleague.Id, NameOf(colleague), "name-organisation");
            return;
        }
        // One organisation of that name with nothing saying it is another: the same. People share names: ask.
        if (target == ImportTarget.Organisations && same.Count == 1 && (row.Municipalities.Count == 0 || MunicipalitiesOf(same[0]).Count == 0))
        {
            row.Match = new(same[0].Id, NameOf(same[0]), "name");
            return;
        }
        if (same.Count > 0)
        {
            row.Candidates.AddRange(same.Take(5).Select(n => Candidate(n, 1)));
            return;
        }
        row.Candidates.AddRange(Fuzzy(key, byKey, FuzzyThreshold).Take(3).Select(c => Candidate(c.Node, c.Score)));
    }

    private void ApplyDecision(RowPlan row, SpreadsheetImportRequest request)
    {
        if (!request.Decisions.TryGetValue(row.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), out var decision) || decision.Length == 0) return;
        row.Decision = decision;
        if (decision == "skip") return;
        if (decision == "new")
        {
            if (request.Target == ImportTarget.Memberships) row.Error(ImportTargets.Member, "member-must-exist", Say("member-must-exist"));
            else row.Match = null;
            return;
        }
        var chosen = row.Candidates.FirstOrDefault(c => c.NodeId == decision)?.NodeId ?? (row.Match?.NodeId == decision ? decision : null);
        if (chosen is null) row.Error(null, "bad-decision", Say("bad-decision", decision));
        else row.Match = new(chosen, NameOf(_nodes[chosen]), "decision");
    }

    private RowCandidate Candidate(Node node, double score)
    {
        var detail = new List<string>();
        if (Text(node, "email") is { Length: > 0 } email) detail.Add(email);
        detail.AddRange(Targets(node.Id, "WORKS_FOR").Concat(Targets(node.Id, "ACTIVE_IN")).Where(_nodes.ContainsKey).Select(id => NameOf(_nodes[id])).Take(3));
        return new(node.Id, node.Kind, NameOf(node), Math.Round(score, 3), detail.Count == 0 ? null : string.Join(" · ", detail));
    }

    private static IEnumerable<(Node Node, double Score)> Fuzzy(string key, ILookup<string, Node> index, double threshold)
    {
        if (key.Length == 0) return [];
        return index.Select(g => (g, Score: TextMatching.JaroWinkler(key, g.Key)))
            .Where(x => x.Score >= threshold)
            .OrderByDescending(x => x.Score)
            .SelectMany(x => x.g.Select(n => (n, x.Score)));
    }

    /// <summary>An organisation's municipalities, or for a person those of the organisations it works for.</summary>
    private HashSet<string> MunicipalitiesOf(Node node)
    {
        var direct = Targets(node.Id, "ACTIVE_IN");
        if (node.Kind == "Person") direct = [.. Targets(node.Id, "WORKS_FOR").SelectMany(o => Targets(o, "ACTIVE_IN"))];
        return [.. direct];
    }

    private List<string> Targets(string from, string type) => [.. _relationshipsFrom[from].Where(r => r.Type == type).Select(r => r.To)];

    internal Relationship? Existing(string from, string type, string to) =>
        _relationshipsFrom[from].FirstOrDefault(r => r.Type == type && r.To == to);

    internal Node NodeOf(string id) => _nodes[id];

    internal GraphSchema Schema => _schema;

    internal IReadOnlyList<Node> AllNodes => _graph.Nodes;

    private string NameOf(Node node) => _schema.NameOf(node) ?? node.Id;

    private static string Text(Node node, string property) =>
        node.Properties.TryGetValue(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private string Say(string code, params string[] args) => SpreadsheetMessages.Say(code, _language, args);
}

/// <summary>The working state of one row while it is planned.</summary>
public sealed class RowPlan(int row, Dictionary<string, string> cells, IReadOnlyDictionary<string, List<string>> columnsOf)
{
    public int Row { get; } = row;
    public Dictionary<string, string> Cells { get; } = cells;
    public Dictionary<string, JsonElement> Values { get; } = [];
    public string Name { get; set; } = "";
    public List<RowIssue> Errors { get; } = [];
    public List<RowIssue> Warnings { get; } = [];
    public RowMatch? Match { get; set; }
    public List<RowCandidate> Candidates { get; } = [];
    public int? DuplicateOf { get; set; }
    public string? DuplicateKey { get; set; }
    public string? Decision { get; set; }
    public List<string> Municipalities { get; } = [];
    public string? OrganisationId { get; set; }
    public string? PlatformId { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }
    public List<RowLink> Links { get; } = [];

    public string Status =>
        Errors.Count > 0 ? "error"
        : DuplicateOf is not null ? "duplicate"
        : Decision == "skip" ? "skipped"
        : Match is not null ? "matched"
        : Candidates.Count > 0 && Decision != "new" ? "needs-decision"
        : "new";

    public void Error(string? property, string code, string message) => Errors.Add(Issue(property, code, message));

    public void Warn(string? property, string code, string message) => Warnings.Add(Issue(property, code, message));

    private RowIssue Issue(string? property, string code, string message)
    {
        var column = property is null ? null
            : columnsOf.TryGetValue(property, out var columns) ? columns[0]
            : property == "name" && (columnsOf.TryGetValue(ImportTargets.LastName, out columns) || columnsOf.TryGetValue(ImportTargets.FirstName, out columns)) ? columns[0]
            : null;
        return new(column, property, code, message);
    }

    public PreviewRow ToPreview() => new(Row, Status, Name, Values, Errors, Warnings, Match, Candidates, DuplicateOf, Links);
}

/// <summary>The planned rows of a sheet.</summary>
public sealed record SheetPlan(SpreadsheetImportRequest Request, IReadOnlyList<RowPlan> Rows)
{
    public SpreadsheetPreview ToPreview() => new(Request.Target, new PreviewSummary(
        Rows.Count,
        Rows.Count(r => r.Status == "new"),
        Rows.Count(r => r.Status == "matched"),
        Rows.Count(r => r.Status == "needs-decision"),
        Rows.Count(r => r.Status == "error"),
        Rows.Count(r => r.Status == "duplicate"),
        Rows.Count(r => r.Status == "skipped")), [.. Rows.Select(r => r.ToPreview())]);
}
