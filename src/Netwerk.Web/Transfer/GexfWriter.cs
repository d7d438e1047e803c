using System.Globalization;
using System.Xml;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Transfer;

/// <summary>
/// A subgraph as GEXF 1.3 for Gephi: nodes labelled with their name, their kind and every property as typed attvalues
/// declared in &lt;attributes&gt;; relationships as directed edges labelled with their type's name, the type code and
/// their properties. Dates make the graph dynamic (timeformat date): a relationship's validFrom/validUntil are the
/// edge's start/end, a meeting exists from its day on (a spell), so Gephi's timeline plays the network's history.
/// Written with <see cref="XmlWriter"/> straight to the stream.
/// </summary>
public static class GexfWriter
{
    public const string Namespace = "http://gexf.net/1.3";
    public const string ContentType = "application/gexf+xml";

    public static async Task WriteAsync(Stream output, Subgraph graph, GraphSchema schema, string language, ExportDescription description, CancellationToken ct)
    {
        var (nodes, relationships, nodeColumns, edgeColumns) = ExportGraph.Of(graph, schema);
        var dynamic = relationships.Any(r => r.ValidFrom is not null || r.ValidUntil is not null) || nodes.Any(n => ExportColumns.ExistsFrom(schema, n) is not null);

        await using var xml = ExportGraph.Writer(output);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "gexf", Namespace);
        await xml.WriteAttributeStringAsync(null, "version", null, "1.3");
        await xml.WriteStartElementAsync(null, "meta", Namespace);
        await xml.WriteAttributeStringAsync(null, "lastmodifieddate", null, description.Date.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture));
        await xml.WriteElementStringAsync(null, "creator", Namespace, "Netwerk");
        await xml.WriteElementStringAsync(null, "description", Namespace, ExportColumns.XmlSafe(description.Text));
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "graph", Namespace);
        await xml.WriteAttributeStringAsync(null, "defaultedgetype", null, "directed");
        await xml.WriteAttributeStringAsync(null, "mode", null, dynamic ? "dynamic" : "static");
        if (dynamic) await xml.WriteAttributeStringAsync(null, "timeformat", null, "date");

        await WriteAttributesAsync(xml, "node", [new ExportColumn("kind", PropertyType.String), .. nodeColumns]);
        await WriteAttributesAsync(xml, "edge", [new ExportColumn("type", PropertyType.String), .. edgeColumns]);

        await xml.WriteStartElementAsync(null, "nodes", Namespace);
        await xml.WriteAttributeStringAsync(null, "count", null, nodes.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var node in nodes)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "node", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, node.Id);
            await xml.WriteAttributeStringAsync(null, "label", null, ExportColumns.XmlSafe(ExportColumns.Label(schema, node)));
            await WriteValuesAsync(xml, ("kind", node.Kind), nodeColumns, node.Properties);
            if (ExportColumns.ExistsFrom(schema, node) is { } from)
            {
                await xml.WriteStartElementAsync(null, "spells", Namespace);
                await xml.WriteStartElementAsync(null, "spell", Namespace);
                await xml.WriteAttributeStringAsync(null, "start", null, from);
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "edges", Namespace);
        await xml.WriteAttributeStringAsync(null, "count", null, relationships.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var rel in relationships)
        {
            ct.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "edge", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, rel.Id);
            await xml.WriteAttributeStringAsync(null, "source", null, rel.From);
            await xml.WriteAttributeStringAsync(null, "target", null, rel.To);
            await xml.WriteAttributeStringAsync(null, "label", null, schema.RelationshipType(rel.Type)?.Label.For(language) ?? rel.Type);
            if (rel.ValidFrom is { } validFrom) await xml.WriteAttributeStringAsync(null, "start", null, validFrom.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture));
            if (rel.ValidUntil is { } validUntil) await xml.WriteAttributeStringAsync(null, "end", null, validUntil.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture));
            await WriteValuesAsync(xml, ("type", rel.Type), edgeColumns, rel.Properties);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    /// <summary>GEXF's name for a schema type: numbers and booleans typed, lists as liststring ('|' between items), the rest text.</summary>
    public static string TypeOf(PropertyType type) => type switch
    {
        PropertyType.Integer => "long",
        PropertyType.Number => "double",
        PropertyType.Boolean => "boolean",
        PropertyType.StringList => "liststring",
        _ => "string",
    };

    private static async Task WriteAttributesAsync(XmlWriter xml, string kind, IReadOnlyList<ExportColumn> columns)
    {
        await xml.WriteStartElementAsync(null, "attributes", Namespace);
        await xml.WriteAttributeStringAsync(null, "class", null, kind);
        await xml.WriteAttributeStringAsync(null, "mode", null, "static");
        foreach (var column in columns)
        {
            await xml.WriteStartElementAsync(null, "attribute", Namespace);
            await xml.WriteAttributeStringAsync(null, "id", null, column.Name);
            await xml.WriteAttributeStringAsync(null, "title", null, column.Name);
            await xml.WriteAttributeStringAsync(null, "type", null, TypeOf(column.Type));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteValuesAsync(XmlWriter xml, (string Id, string Value) first, IReadOnlyList<ExportColumn> columns, IReadOnlyDictionary<string, System.Text.Json.JsonElement> properties)
    {
        await xml.WriteStartElementAsync(null, "attvalues", Namespace);
        await WriteValueAsync(xml, first.Id, first.Value);
        foreach (var column in columns)
        {
            if (ExportColumns.Typed(properties, column) is { } value) await WriteValueAsync(xml, column.Name, value);
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteValueAsync(XmlWriter xml, string id, string value)
    {
        await xml.WriteStartElementAsync(null, "attvalue", Namespace);
        await xml.WriteAttributeStringAsync(null, "for", null, id);
        await xml.WriteAttributeStringAsync(null, "value", null, ExportColumns.XmlSafe(value));
        await xml.WriteEndElementAsync();
    }
}

/// <summary>What an export file says about itself: the day it was made and what it holds (region, date, view).</summary>
public sealed record ExportDescription(DateOnly Date, string Text);
