using System.Globalization;
using CsvHelper;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Transfer;

/// <summary>
/// One kind of node (a row per node: id and a column per schema property of the kind) or one relationship type (id,
/// from and to with their names, validFrom, validUntil and the type's properties) as CSV. Written for Excel in Belgium:
/// UTF-8 with a byte order mark (so accents survive) and ';' between fields, the list separator of Belgian (nl-BE,
/// fr-BE) Windows — Excel opens such a file by double-click in columns; ',' on request for other tools. Lists are
/// joined with '|'. A text that starts with =, +, -, @, tab or carriage return gets a leading apostrophe so a
/// spreadsheet never runs it as a formula (CSV injection).
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static CsvWriterOptions Options(char delimiter) => new()
    {
        Separator = delimiter,
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static async Task WriteNodesAsync(Stream output, Subgraph graph, NodeKindDefinition kind, char delimiter, CancellationToken ct)
    {
        var nodes = graph.Nodes.Where(n => n.Kind == kind.Code).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var columns = ExportColumns.Of([kind.Properties], nodes.Select(n => n.Properties));
        await using var csv = CsvWriter.Create(output, Options(delimiter), leaveOpen: true);
        await csv.WriteRecordAsync(["id", .. columns.Select(c => c.Name)], ct);
        foreach (var node in nodes)
        {
            await csv.WriteRecordAsync([node.Id, .. columns.Select(c => ExportColumns.Text(node.Properties, c.Name) ?? "")], ct);
        }
        await csv.FlushAsync(ct);
    }

    public static async Task WriteRelationshipsAsync(Stream output, Subgraph graph, GraphSchema schema, RelationshipTypeDefinition type, char delimiter, CancellationToken ct)
    {
        var relationships = graph.Relationships.Where(r => r.Type == type.Code).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var columns = ExportColumns.Of([type.Properties], relationships.Select(r => r.Properties));
        var names = graph.Nodes.ToDictionary(n => n.Id, n => ExportColumns.Label(schema, n), StringComparer.Ordinal);
        await using var csv = CsvWriter.Create(output, Options(delimiter), leaveOpen: true);
        await csv.WriteRecordAsync(["id", "type", "from", "fromName", "to", "toName", "validFrom", "validUntil", .. columns.Select(c => c.Name)], ct);
        foreach (var rel in relationships)
        {
            await csv.WriteRecordAsync(
            [
                rel.Id, rel.Type, rel.From, names.GetValueOrDefault(rel.From) ?? "", rel.To, names.GetValueOrDefault(rel.To) ?? "",
                rel.ValidFrom?.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture) ?? "",
                rel.ValidUntil?.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture) ?? "",
                .. columns.Select(c => ExportColumns.Text(rel.Properties, c.Name) ?? ""),
            ], ct);
        }
        await csv.FlushAsync(ct);
    }
}
