using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Transfer;

/// <summary>A subgraph ready for a file: items ordered by id, and the property columns of its nodes and of its relationships.</summary>
public sealed record ExportGraph(IReadOnlyList<Node> Nodes, IReadOnlyList<Relationship> Relationships, IReadOnlyList<ExportColumn> NodeColumns, IReadOnlyList<ExportColumn> EdgeColumns)
{
    public static ExportGraph Of(Subgraph graph, GraphSchema schema)
    {
        var nodes = graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var relationships = graph.Relationships.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new ExportGraph(nodes, relationships, ExportColumns.ForNodes(schema, nodes), ExportColumns.ForRelationships(schema, relationships));
    }

    /// <summary>An asynchronous, indented UTF-8 (no BOM) XML writer over the response.</summary>
    public static XmlWriter Writer(Stream output) =>
        XmlWriter.Create(output, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
}

/// <summary>One exported property: its name and one type for every kind (or relationship type) that has it.</summary>
public sealed record ExportColumn(string Name, PropertyType Type);

/// <summary>
/// What the file exports share: the property columns of the exported items in schema order (a name two kinds share
/// gets one column, typed as both allow), and property values as text.
/// </summary>
public static class ExportColumns
{
    /// <summary>The columns for items whose definitions are <paramref name="definitions"/>, plus any stored name the schema does not know (as text).</summary>
    public static IReadOnlyList<ExportColumn> Of(IEnumerable<IReadOnlyList<PropertyDefinition>> definitions, IEnumerable<IReadOnlyDictionary<string, JsonElement>> values)
    {
        var columns = new List<ExportColumn>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in definitions.SelectMany(d => d))
        {
            if (index.TryGetValue(property.Name, out var at)) columns[at] = columns[at] with { Type = Unify(columns[at].Type, property.Type) };
            else
            {
                index[property.Name] = columns.Count;
                columns.Add(new ExportColumn(property.Name, property.Type));
            }
        }
        foreach (var name in values.SelectMany(v => v.Keys).Where(n => !index.ContainsKey(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())
        {
            index[name] = columns.Count;
            columns.Add(new ExportColumn(name, PropertyType.String));
        }
        return columns;
    }

    /// <summary>Columns of the node kinds present in <paramref name="nodes"/>, in schema order.</summary>
    public static IReadOnlyList<ExportColumn> ForNodes(GraphSchema schema, IReadOnlyList<Node> nodes)
    {
        var kinds = nodes.Select(n => n.Kind).ToHashSet(StringComparer.Ordinal);
        return Of(schema.NodeKinds.Where(k => kinds.Contains(k.Code)).Select(k => k.Properties), nodes.Select(n => n.Properties));
    }

    /// <summary>Columns of the relationship types present in <paramref name="relationships"/>, in schema order.</summary>
    public static IReadOnlyList<ExportColumn> ForRelationships(GraphSchema schema, IReadOnlyList<Relationship> relationships)
    {
        var types = relationships.Select(r => r.Type).ToHashSet(StringComparer.Ordinal);
        return Of(schema.RelationshipTypes.Where(t => types.Contains(t.Code)).Select(t => t.Properties), relationships.Select(r => r.Properties));
    }

    private static PropertyType Unify(PropertyType a, PropertyType b) =>
        a == b ? a
        : a is PropertyType.Integer or PropertyType.Number && b is PropertyType.Integer or PropertyType.Number ? PropertyType.Number
        : PropertyType.String;

    /// <summary>Whether the column holds numbers or booleans (written as such), rather than text.</summary>
    public static bool IsNumeric(PropertyType type) => type is PropertyType.Integer or PropertyType.Number;

    /// <summary>A value as text: strings as they are, numbers in invariant form, lists joined with <paramref name="listSeparator"/>.</summary>
    public static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name, string listSeparator = "|")
    {
        if (!properties.TryGetValue(name, out var value) || !GraphJson.IsSet(value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(listSeparator, value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
            _ => value.GetRawText(),
        };
    }

    /// <summary>A value as a typed column wants it: a number column only gets a number (else nothing), a boolean column true/false.</summary>
    public static string? Typed(IReadOnlyDictionary<string, JsonElement> properties, ExportColumn column, string listSeparator = "|")
    {
        var text = Text(properties, column.Name, listSeparator);
        if (text is null) return null;
        return column.Type switch
        {
            PropertyType.Integer => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? text : null,
            PropertyType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text : null,
            PropertyType.Boolean => text is "true" or "false" ? text : null,
            _ => text,
        };
    }

    /// <summary>The text without characters XML 1.0 cannot carry (control characters a paste may bring), so a name never breaks a file.</summary>
    public static string XmlSafe(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++) clean = XmlConvert.IsXmlChar(text[i]) || (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) && ++i > 0);
        if (clean) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) builder.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) builder.Append(text, i++, 2);
        }
        return builder.ToString();
    }

    /// <summary>A node's label: its name as its kind defines it, else its id.</summary>
    public static string Label(GraphSchema schema, Node node) =>
        schema.NameOf(node) ?? (node.Properties.TryGetValue("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : node.Id);

    /// <summary>The date from which a node exists (a meeting's start day), for timelines; null when its kind has none.</summary>
    public static string? ExistsFrom(GraphSchema schema, Node node) =>
        schema.Kind(node.Kind)?.ExistsFrom is { } property && Text(node.Properties, property) is { Length: >= 10 } value
        && GraphDates.TryParseDate(value[..10], out _) ? value[..10] : null;
}
