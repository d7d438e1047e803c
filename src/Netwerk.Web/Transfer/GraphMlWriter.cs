using System.Xml;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Transfer;

/// <summary>
/// A subgraph as GraphML: one &lt;key&gt; per exported property with its attr.type, for nodes (label, kind and the
/// kinds' properties) and for edges (label, type, validFrom, validUntil and the types' properties); directed edges.
/// Lists are JSON arrays in a string. Written with <see cref="XmlWriter"/> straight to the stream.
/// </summary>
public static class GraphMlWriter
{
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";
    public const string ContentType = "application/graphml+xml";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static async Task WriteAsync(Stream output, Subgraph graph, GraphSchema schema, string language, ExportDescription description, CancellationToken ct)
    {
        var (nodes, relationships, nodeColumns, edgeColumns) = ExportGraph.Of(graph, schema);

        await using var xml = ExportGraph.Writer(output);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "graphml", Namespace);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, Xsi);
        await xml.WriteAttributeStringAsync("xsi", "schemaLocation", Xsi, $"{Namespace} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        await xml.WriteElementStringAsync(null, "desc", Namespace, ExportColumns.XmlSafe(description.Text));

        await WriteKeyAsync(xml, "node", "label", "string");
        await WriteKeyAsync(xml, "node", "kind", "string");
        foreach (var column in nodeColumns) await WriteKeyAsync(xml, "node", column.Name, TypeOf(column.Type));
        await WriteKeyAsync(xml, "edge", "label", "string");
        await WriteKeyAsync(xml, "edge", "type", "string");
        await WriteKeyAsync(xml, "edge", "validFrom", "string");
        await WriteKeyAsync(xml, "edge", "validUntil", "string");
        foreach (var column in edgeColumns) await WriteKeyAsync(xml, "edge", column.Name, TypeOf(column.Type));

        await xml.WriteStartElementAsync(null, "graph", Namespace);
        await xml.WriteAttributeStringAsync(null, "id", null, "netwerk");
        await xml.WriteAttributeStringAsync(null, "edgedefault", null, "directed");
        foreach (var node in nodes)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "node", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, node.Id);
            await WriteDataAsync(xml, "node", "label", ExportColumns.Label(schema, node));
            await WriteDataAsync(xml, "node", "kind", node.Kind);
            foreach (var column in nodeColumns) await WriteDataAsync(xml, "node", column.Name, Value(node.Properties, column));
            await xml.WriteEndElementAsync();
        }
        foreach (var rel in relationships)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "edge", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, rel.Id);
            await xml.WriteAttributeStringAsync(null, "source", null, rel.From);
            await xml.WriteAttributeStringAsync(null, "target", null, rel.To);
            await WriteDataAsync(xml, "edge", "label", schema.RelationshipType(rel.Type)?.Label.For(language) ?? rel.Type);
            await WriteDataAsync(xml, "edge", "type", rel.Type);
            await WriteDataAsync(xml, "edge", "validFrom", rel.ValidFrom?.ToString(GraphDates.DateFormat, System.Globalization.CultureInfo.InvariantCulture));
            await WriteDataAsync(xml, "edge", "validUntil", rel.ValidUntil?.ToString(GraphDates.DateFormat, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var column in edgeColumns) await WriteDataAsync(xml, "edge", column.Name, Value(rel.Properties, column));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>GraphML's attr.type for a schema type (boolean, long, double; everything else string).</summary>
    public static string TypeOf(PropertyType type) => type switch
    {
        PropertyType.Integer => "long",
        PropertyType.Number => "double",
        PropertyType.Boolean => "boolean",
        _ => "string",
    };

    /// <summary>The key id of a property: one namespace per element kind, so a node's and an edge's "label" stay apart.</summary>
    public static string KeyId(string domain, string name) => $"{domain[0]}.{name}";

    /// <summary>A list as its JSON array (GraphML has no list type), anything else as the typed column wants it.</summary>
    private static string? Value(IReadOnlyDictionary<string, System.Text.Json.JsonElement> properties, ExportColumn column) =>
        column.Type == PropertyType.StringList && properties.TryGetValue(column.Name, out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
            ? list.GetRawText()
            : ExportColumns.Typed(properties, column);

    private static async Task WriteKeyAsync(XmlWriter xml, string domain, string name, string type)
    {
        await xml.WriteStartElementAsync(null, "key", Namespace);
        await xml.WriteAttributeStringAsync(null, "id", null, KeyId(domain, name));
        await xml.WriteAttributeStringAsync(null, "for", null, domain);
        await xml.WriteAttributeStringAsync(null, "attr.name", null, name);
        await xml.WriteAttributeStringAsync(null, "attr.type", null, type);
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteDataAsync(XmlWriter xml, string domain, string name, string? value)
    {
        if (value is null) return;
        await xml.WriteStartElementAsync(null, "data", Namespace);
        await xml.WriteAttributeStringAsync(null, "key", null, KeyId(domain, name));
        await xml.WriteStringAsync(ExportColumns.XmlSafe(value));
        await xml.WriteEndElementAsync();
    }
}
