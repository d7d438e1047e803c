using System.Text.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// The one <see cref="GraphDocument"/> a planned sheet becomes, for the store's atomic import: new nodes with fresh ids,
/// matched nodes with the sheet's values filled in (or overwriting, when asked), and their relationships — an existing
/// relationship between the same two nodes is updated rather than doubled.
/// </summary>
public static class SheetDocument
{
    public sealed record Built(GraphDocument Document, int RowsImported, int RowsSkipped, IReadOnlyList<string> CreatedIds);

    public static Built Build(SheetPlan plan, SheetImportPlanner planner)
    {
        var request = plan.Request;
        var nodes = new Dictionary<string, NodeDraft>(StringComparer.Ordinal);
        var relationships = new Dictionary<string, RelationshipDraft>(StringComparer.Ordinal);
        var created = new List<string>();
        var rowsByNumber = plan.Rows.ToDictionary(r => r.Row);
        var pairs = new HashSet<(string, string, string)>();
        int imported = 0, skipped = 0;
        foreach (var row in plan.Rows)
        {
            var first = row.DuplicateOf is { } d ? rowsByNumber[d] : row;
            if (row.Status is "error" or "skipped" or "needs-decision" || first.Status is "skipped")
            {
                skipped++;
                continue;
            }
            imported++;
            if (row.DuplicateOf is not null) continue;

            if (request.Target == ImportTarget.Memberships)
            {
                AddRelationship(row.Match!.NodeId, "MEMBER_OF", row.PlatformId!, row.Values, row.ValidFrom, row.ValidUntil);
                continue;
            }
            var kind = ImportTargets.KindOf(request.Target);
            string id;
            if (row.Match is { } match)
            {
                id = match.NodeId;
                var existing = nodes.TryGetValue(id, out var pending) ? pending.Properties! : planner.NodeOf(id).Properties;
                nodes[id] = new NodeDraft { Id = id, Kind = kind, Properties = Merge(existing, row.Values, request.Overwrite) };
            }
            else
            {
                id = NewId(kind == "Person" ? "person" : "org", row.Name);
                nodes[id] = new NodeDraft { Id = id, Kind = kind, Properties = new Dictionary<string, JsonElement>(row.Values) };
                created.Add(id);
            }
            foreach (var municipality in row.Municipalities.Where(_ => request.Target == ImportTarget.Organisations))
                AddRelationship(id, "ACTIVE_IN", municipality, new Dictionary<string, JsonElement>(), null, null);
            if (row.OrganisationId is { } organisation)
            {
                var function = row.Values.TryGetValue("function", out var f) ? f : (JsonElement?)null;
                var allowed = function is { ValueKind: JsonValueKind.String } value
                    && planner.Schema.RelationshipType("WORKS_FOR")?.Property("function")?.Values?.Any(v => v.Value == value.GetString()) == true;
                var properties = new Dictionary<string, JsonElement>();
                if (allowed) properties["function"] = function!.Value;
                AddRelationship(id, "WORKS_FOR", organisation, properties, null, null);
            }
        }
        return new Built(new GraphDocument { Nodes = [.. nodes.Values], Relationships = [.. relationships.Values] }, imported, skipped, created);

        void AddRelationship(string from, string type, string to, IReadOnlyDictionary<string, JsonElement> values, string? validFrom, string? validUntil)
        {
            if (planner.Existing(from, type, to) is { } existing)
            {
                relationships[existing.Id] = new RelationshipDraft
                {
                    Id = existing.Id, Type = type, From = from, To = to,
                    Properties = Merge(existing.Properties, values, request.Overwrite),
                    ValidFrom = request.Overwrite && validFrom is not null ? validFrom : existing.ValidFrom?.ToString(GraphDates.DateFormat) ?? validFrom,
                    ValidUntil = request.Overwrite && validUntil is not null ? validUntil : existing.ValidUntil?.ToString(GraphDates.DateFormat) ?? validUntil,
                };
                return;
            }
            if (!pairs.Add((from, type, to))) return;
            var id = NewId("rel", type.ToLowerInvariant());
            relationships[id] = new RelationshipDraft
            {
                Id = id, Type = type, From = from, To = to, Properties = values, ValidFrom = validFrom, ValidUntil = validUntil,
            };
        }
    }

    private static Dictionary<string, JsonElement> Merge(IReadOnlyDictionary<string, JsonElement> existing, IReadOnlyDictionary<string, JsonElement> sheet, bool overwrite)
    {
        var merged = new Dictionary<string, JsonElement>(existing);
        foreach (var (property, value) in sheet)
        {
            if (overwrite || !merged.TryGetValue(property, out var current) || !GraphJson.IsSet(current)) merged[property] = value;
        }
        return merged;
    }

    /// <summary>A readable, unique id: "person-an-peeters-3f9a1c2b".</summary>
    private static string NewId(string prefix, string name)
    {
        var slug = string.Join('-', TextMatching.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('-');
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return slug.Length == 0 ? $"{prefix}-{suffix}" : $"{prefix}-{slug}-{suffix}";
    }
}
