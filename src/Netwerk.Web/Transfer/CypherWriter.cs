using System.Globalization;
using System.Text;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Storage.Neo4j;

namespace Netwerk.Web.Transfer;

/// <summary>
/// A subgraph as a parameter-free Cypher script that loads it into an empty Neo4j 5.26+ database (Neo4j Browser,
/// cypher-shell), in the layout of the Neo4j store: labels <c>:GraphNode:&lt;Kind&gt;</c>, property <c>id</c>, the schema
/// properties as native values; relationships of their type with <c>id</c>, their properties and
/// <c>validFrom</c>/<c>validUntil</c> as date strings. The store's own fields (<c>_version</c>, <c>_document</c>, …) are
/// left out: the script is for analysts. It starts with the constraints of cypher/schema.cypher, then creates nodes per
/// kind and relationships per type in <c>UNWIND</c> batches. Every value is a literal written by <see cref="Literal"/>;
/// labels, types and keys come from the schema and are backtick-quoted whenever they are not plain identifiers.
/// </summary>
public static class CypherWriter
{
    public const string ContentType = "application/x-cypher; charset=utf-8";

    /// <summary>Rows per UNWIND statement: small enough for Browser's editor, few enough statements for a province.</summary>
    public const int BatchSize = 500;

    public static async Task WriteAsync(Stream output, Subgraph graph, GraphSchema schema, ExportDescription description, CancellationToken ct)
    {
        var nodes = graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var relationships = graph.Relationships.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024) { NewLine = "\n" };
        await writer.WriteLineAsync(Comment(description.Text));
        await writer.WriteLineAsync(Comment($"Made {description.Date.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture)}: {nodes.Count} nodes, {relationships.Count} relationships."));
        await writer.WriteLineAsync("// Load into an EMPTY Neo4j 5.26+ database: paste into Neo4j Browser (enable multi-statement mode) or");
        await writer.WriteLineAsync("// run `cypher-shell -f <file>`. Layout as Netwerk's Neo4j store; queries in cypher/analysis/.");
        await writer.WriteLineAsync();
        await writer.WriteLineAsync("// Constraints and indexes (cypher/schema.cypher).");
        foreach (var statement in CypherStatements.SchemaStatements) await writer.WriteLineAsync(statement + ";");

        await WriteBatchesAsync(writer, nodes, n => n.Kind, schema.NodeKinds.Select(k => k.Code), "nodes",
            (sb, n) => AppendMap(sb, NodeRecord(n)),
            kind => $"CREATE (n:GraphNode:{Name(kind)})\nSET n = row;", ct);
        await WriteBatchesAsync(writer, relationships, r => r.Type, schema.RelationshipTypes.Select(t => t.Code), "relationships",
            (sb, r) =>
            {
                sb.Append("{from: ").Append(Literal(r.From)).Append(", to: ").Append(Literal(r.To)).Append(", props: ");
                AppendMap(sb, RelationshipRecord(r));
                sb.Append('}');
            },
            type => $"MATCH (a:GraphNode {{id: row.from}})\nMATCH (b:GraphNode {{id: row.to}})\nCREATE (a)-[r:{Name(type)}]->(b)\nSET r = row.props;", ct);
    }

    /// <summary>
    /// The items grouped by kind or type (in schema order, unknown codes last), each group in statements of at most
    /// <see cref="BatchSize"/> rows: <c>UNWIND [rows] AS row</c> and the group's clauses.
    /// </summary>
    private static async Task WriteBatchesAsync<T>(StreamWriter writer, IEnumerable<T> items, Func<T, string> group, IEnumerable<string> schemaOrder, string noun,
        Action<StringBuilder, T> appendRow, Func<string, string> clauses, CancellationToken ct)
    {
        var order = schemaOrder.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var ofOne in items.GroupBy(group, StringComparer.Ordinal).OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            await writer.WriteLineAsync();
            await writer.WriteLineAsync(Comment($"{ofOne.Key}: {ofOne.Count()} {noun}."));
            foreach (var batch in ofOne.Chunk(BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                sb.Clear().Append("UNWIND [\n");
                for (var i = 0; i < batch.Length; i++)
                {
                    sb.Append("  ");
                    appendRow(sb, batch[i]);
                    sb.Append(i < batch.Length - 1 ? ",\n" : "\n");
                }
                sb.Append("] AS row\n").Append(clauses(ofOne.Key)).Append('\n');
                await writer.WriteAsync(sb, ct);
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonElement>> NodeRecord(Node node) =>
        [new("id", JsonSerializer.SerializeToElement(node.Id)), .. Properties(node.Properties)];

    private static IEnumerable<KeyValuePair<string, JsonElement>> RelationshipRecord(Relationship r)
    {
        yield return new("id", JsonSerializer.SerializeToElement(r.Id));
        foreach (var p in Properties(r.Properties)) yield return p;
        if (r.ValidFrom is { } from) yield return new("validFrom", JsonSerializer.SerializeToElement(from.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture)));
        if (r.ValidUntil is { } until) yield return new("validUntil", JsonSerializer.SerializeToElement(until.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture)));
    }

    /// <summary>The stored properties in name order, without nulls (Neo4j stores none) and without names the layout keeps for itself.</summary>
    private static IEnumerable<KeyValuePair<string, JsonElement>> Properties(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && p.Key is not ("id" or "validFrom" or "validUntil"))
            .OrderBy(p => p.Key, StringComparer.Ordinal);

    private static void AppendMap(StringBuilder sb, IEnumerable<KeyValuePair<string, JsonElement>> entries)
    {
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in entries)
        {
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(Name(key)).Append(": ");
            AppendValue(sb, value);
        }
        sb.Append('}');
    }

    /// <summary>A stored JSON value as the native Neo4j value the store writes: string, integer, float, boolean or list.</summary>
    private static void AppendValue(StringBuilder sb, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                sb.Append(Literal(value.GetString()!));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                sb.Append(value.GetBoolean() ? "true" : "false");
                break;
            case JsonValueKind.Number:
                sb.Append(Number(value));
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray().Where(i => i.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)))
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendValue(sb, item);
                }
                sb.Append(']');
                break;
            default:
                // The schema has no object properties; should one ever be stored, it goes in as its JSON text.
                sb.Append(Literal(value.GetRawText()));
                break;
        }
    }

    /// <summary>A JSON number as a Cypher integer when it is written as one (as the Query API reads it), else as a float.</summary>
    private static string Number(JsonElement value)
    {
        var raw = value.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && value.TryGetInt64(out var integer) && integer != long.MinValue)
            return integer.ToString(CultureInfo.InvariantCulture);
        var text = value.GetDouble().ToString("R", CultureInfo.InvariantCulture).Replace("E+", "E", StringComparison.Ordinal);
        // Cypher's float literal needs a point or an exponent ("3" would be an integer).
        return text.IndexOfAny(['.', 'E']) < 0 ? text + ".0" : text;
    }

    /// <summary>
    /// A Cypher string literal: single-quoted; backslash and quotes escaped, and every control, line or paragraph
    /// separator and lone surrogate as \uXXXX, so no text can end the literal or the line it is on.
    /// </summary>
    public static string Literal(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                    if (pair)
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>A label, relationship type or property key: as is when a plain identifier, else in backticks (doubled inside).</summary>
    public static string Name(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>A comment line: line breaks in the text would end the comment, so they become spaces.</summary>
    private static string Comment(string text) =>
        "// " + string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c));
}
