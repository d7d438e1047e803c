using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netwerk.Core.Graph;

/// <summary>
/// The JSON conventions of the graph shared by stores and the API: camelCase, nulls omitted, non-ASCII
/// kept readable, and a canonical form of property maps (unset values dropped, keys ordinal-sorted) so that
/// "same properties" is a string comparison.
/// </summary>
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string CanonicalProperties(IReadOnlyDictionary<string, JsonElement>? properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in (properties ?? new Dictionary<string, JsonElement>())
                         .Where(p => IsSet(p.Value))
                         .OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Whether a property value counts as given. Null and the empty string do not: forms and spreadsheets send
    /// "" for a field left blank, which means "no value", not "an invalid e-mail address".
    /// </summary>
    public static bool IsSet(JsonElement value) =>
        value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
        && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    public static IReadOnlyDictionary<string, JsonElement> ParseProperties(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, Options) ?? [];

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);
}
