using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netwerk.Core.Schema;

/// <summary>A Dutch and English text, as the UI shows it.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public string For(string language) => language == "en" ? En : Nl;
}

[JsonConverter(typeof(JsonStringEnumConverter<PropertyType>))]
public enum PropertyType
{
    [JsonStringEnumMemberName("string")] String,
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("integer")] Integer,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("boolean")] Boolean,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("datetime")] DateTime,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("phone")] Phone,
    [JsonStringEnumMemberName("enum")] Enum,
    [JsonStringEnumMemberName("stringList")] StringList,
}

public sealed record AllowedValue(string Value, LocalizedText Label);

/// <summary>One property of a node kind or relationship type.</summary>
public sealed record PropertyDefinition
{
    public required string Name { get; init; }
    public required PropertyType Type { get; init; }
    public bool Required { get; init; }
    public required LocalizedText Label { get; init; }
    public IReadOnlyList<AllowedValue>? Values { get; init; }
    public JsonElement? Default { get; init; }
    public int? MaxLength { get; init; }
    public int? MaxItems { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public string? Pattern { get; init; }
    /// <summary>
    /// Kept by Netwerk itself (an invitation's delivery state, a meeting's exceptions and invite rules): forms leave it
    /// out, and writes through the node and relationship endpoints keep its stored value (see <see cref="ManagedProperties"/>).
    /// </summary>
    public bool Managed { get; init; }
}

public sealed record NodeStyle(string Color, string Shape);

/// <summary>A node kind (label): its properties, which one names it, and how the map draws it.</summary>
public sealed record NodeKindDefinition
{
    public required string Code { get; init; }
    public required LocalizedText Label { get; init; }
    public required LocalizedText Plural { get; init; }
    public required string NameProperty { get; init; }
    /// <summary>
    /// The date or date-time property from which a node of this kind exists (a meeting exists from its start):
    /// a view of the network "as of" an earlier date leaves such nodes out. Null: nodes exist regardless of date.
    /// </summary>
    public string? ExistsFrom { get; init; }

    /// <summary>Whether a node of this kind with these properties exists on <paramref name="date"/>.</summary>
    public bool ExistsOn(IReadOnlyDictionary<string, System.Text.Json.JsonElement> properties, DateOnly? date) =>
        date is not { } day || ExistsFrom is null
        || !properties.TryGetValue(ExistsFrom, out var value) || value.ValueKind != System.Text.Json.JsonValueKind.String
        || string.CompareOrdinal(value.GetString()![..Math.Min(10, value.GetString()!.Length)], day.ToString(Graph.GraphDates.DateFormat, System.Globalization.CultureInfo.InvariantCulture)) <= 0;

    /// <summary>Whether nodes of this kind hold personal data (GDPR export and erasure apply).</summary>
    public bool Personal { get; init; }
    public required NodeStyle Style { get; init; }
    public required IReadOnlyList<PropertyDefinition> Properties { get; init; }
    /// <summary>Pairs of date/datetime properties where the first must not be after the second.</summary>
    public IReadOnlyList<IReadOnlyList<string>> DateOrder { get; init; } = [];

    public PropertyDefinition? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

public sealed record EndpointPair(string From, string To);

/// <summary>A relationship type: the (from kind, to kind) pairs it may join and its properties.</summary>
public sealed record RelationshipTypeDefinition
{
    public required string Code { get; init; }
    public required LocalizedText Label { get; init; }
    public required IReadOnlyList<EndpointPair> Endpoints { get; init; }
    public required IReadOnlyList<PropertyDefinition> Properties { get; init; }

    public bool Allows(string fromKind, string toKind) => Endpoints.Any(e => e.From == fromKind && e.To == toKind);
    public PropertyDefinition? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// The graph schema as data: node kinds, relationship types, their properties and allowed endpoints.
/// Stores validate every write against it; the API serves it so the front end builds forms and legends from it.
/// </summary>
public sealed record GraphSchema
{
    public required int Version { get; init; }
    public required IReadOnlyList<NodeKindDefinition> NodeKinds { get; init; }
    public required IReadOnlyList<RelationshipTypeDefinition> RelationshipTypes { get; init; }

    public NodeKindDefinition? Kind(string? code) => NodeKinds.FirstOrDefault(k => k.Code == code);

    /// <summary>A node's name as its kind defines it (the <see cref="NodeKindDefinition.NameProperty"/>); null when it has none.</summary>
    public string? NameOf(Graph.Node node) =>
        Kind(node.Kind)?.NameProperty is { } property && node.Properties.TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    public RelationshipTypeDefinition? RelationshipType(string? code) => RelationshipTypes.FirstOrDefault(t => t.Code == code);

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<GraphSchema> Embedded = new(() =>
    {
        using var stream = typeof(GraphSchema).Assembly.GetManifestResourceStream("Netwerk.Core.schema.json")
            ?? throw new InvalidOperationException("The embedded schema.json is missing from Netwerk.Core.");
        return JsonSerializer.Deserialize<GraphSchema>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded schema.json is empty.");
    });

    /// <summary>The schema shipped with this version of Netwerk (Schema/schema.json).</summary>
    public static GraphSchema Default => Embedded.Value;
}
