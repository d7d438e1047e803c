using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Netwerk.Core.Graph;

namespace Netwerk.Core.Schema;

/// <summary>
/// Checks drafts against the <see cref="GraphSchema"/>: kinds and types, required and unknown properties,
/// value types and formats, allowed values, date order, relationship endpoints. Reports every problem it
/// finds, each with the path of the field, so a client can show them all at once.
/// </summary>
public sealed partial class SchemaValidator(GraphSchema schema)
{
    public GraphSchema Schema { get; } = schema;

    /// <summary>Looks up the kind of an existing node, or null when there is none.</summary>
    public delegate string? KindLookup(string nodeId);

    public List<ValidationError> ValidateNode(NodeDraft draft, string path = "")
    {
        var errors = new List<ValidationError>();
        ValidateId(draft.Id, path, errors);
        if (string.IsNullOrEmpty(draft.Kind))
        {
            errors.Add(new(Join(path, "kind"), "required"));
            return errors;
        }
        var kind = Schema.Kind(draft.Kind);
        if (kind is null)
        {
            errors.Add(new(Join(path, "kind"), "unknown-kind", draft.Kind));
            return errors;
        }
        var properties = draft.Properties ?? new Dictionary<string, JsonElement>();
        ValidateProperties(properties, kind.Properties, kind.Code, Join(path, "properties"), errors);
        foreach (var pair in kind.DateOrder)
        {
            if (properties.TryGetValue(pair[0], out var first) && properties.TryGetValue(pair[1], out var second)
                && first.ValueKind == JsonValueKind.String && second.ValueKind == JsonValueKind.String
                && TryInstant(first.GetString(), out var a) && TryInstant(second.GetString(), out var b) && a > b)
            {
                errors.Add(new(Join(path, $"properties.{pair[1]}"), "date-order", pair[0], pair[1]));
            }
        }
        return errors;
    }

    /// <summary>Validates a relationship; <paramref name="kindOf"/> resolves endpoint kinds (store plus pending batch).</summary>
    public List<ValidationError> ValidateRelationship(RelationshipDraft draft, KindLookup kindOf, string path = "")
    {
        var errors = new List<ValidationError>();
        ValidateId(draft.Id, path, errors);
        var type = string.IsNullOrEmpty(draft.Type) ? null : Schema.RelationshipType(draft.Type);
        if (string.IsNullOrEmpty(draft.Type)) errors.Add(new(Join(path, "type"), "required"));
        else if (type is null) errors.Add(new(Join(path, "type"), "unknown-type", draft.Type));

        var fromKind = Endpoint(draft.From, "from");
        var toKind = Endpoint(draft.To, "to");
        if (!string.IsNullOrEmpty(draft.From) && draft.From == draft.To) errors.Add(new(Join(path, "to"), "self-loop"));
        if (type is not null && fromKind is not null && toKind is not null && !type.Allows(fromKind, toKind))
        {
            errors.Add(new(Join(path, "type"), "endpoint-not-allowed", type.Code, fromKind, toKind));
        }

        var validFrom = Date(draft.ValidFrom, "validFrom");
        var validUntil = Date(draft.ValidUntil, "validUntil");
        if (validFrom > validUntil) errors.Add(new(Join(path, "validUntil"), "date-order", "validFrom", "validUntil"));

        if (type is not null)
        {
            ValidateProperties(draft.Properties ?? new Dictionary<string, JsonElement>(), type.Properties, type.Code, Join(path, "properties"), errors);
        }
        return errors;

        string? Endpoint(string? id, string field)
        {
            if (string.IsNullOrEmpty(id))
            {
                errors.Add(new(Join(path, field), "required"));
                return null;
            }
            var kind = kindOf(id);
            if (kind is null) errors.Add(new(Join(path, field), "dangling-endpoint", id));
            return kind;
        }

        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (GraphDates.TryParseDate(text, out var date)) return date;
            errors.Add(new(Join(path, field), "bad-date"));
            return null;
        }
    }

    /// <summary>Checks a property filter (query string) against a kind and converts it to the stored JSON value.</summary>
    public static bool TryParseFilterValue(PropertyDefinition property, string text, out JsonElement value)
    {
        value = default;
        string json;
        switch (property.Type)
        {
            case PropertyType.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                json = l.ToString(CultureInfo.InvariantCulture);
                break;
            case PropertyType.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                json = d.ToString("R", CultureInfo.InvariantCulture);
                break;
            case PropertyType.Boolean when bool.TryParse(text, out var b):
                json = b ? "true" : "false";
                break;
            case PropertyType.Integer or PropertyType.Number or PropertyType.Boolean:
                return false;
            default:
                json = JsonSerializer.Serialize(text);
                break;
        }
        value = JsonDocument.Parse(json).RootElement.Clone();
        return true;
    }

    private static void ValidateId(string? id, string path, List<ValidationError> errors)
    {
        if (id is not null && !IdPattern().IsMatch(id)) errors.Add(new(Join(path, "id"), "bad-id"));
    }

    private static void ValidateProperties(
        IReadOnlyDictionary<string, JsonElement> values, IReadOnlyList<PropertyDefinition> definitions,
        string owner, string path, List<ValidationError> errors)
    {
        foreach (var definition in definitions)
        {
            var present = values.TryGetValue(definition.Name, out var value) && GraphJson.IsSet(value);
            if (!present)
            {
                if (definition.Required) errors.Add(new(Join(path, definition.Name), "required"));
                continue;
            }
            var error = CheckValue(definition, value);
            if (error is not null) errors.Add(error with { Field = Join(path, definition.Name) });
        }
        foreach (var name in values.Keys)
        {
            if (!definitions.Any(d => d.Name == name)) errors.Add(new(Join(path, name), "unknown-property", name, owner));
        }
    }

    private static ValidationError? CheckValue(PropertyDefinition definition, JsonElement value)
    {
        switch (definition.Type)
        {
            case PropertyType.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var integer)) return new("", "wrong-type", "integer");
                return CheckRange(definition, integer);
            case PropertyType.Number:
                if (value.ValueKind != JsonValueKind.Number) return new("", "wrong-type", "number");
                return CheckRange(definition, value.GetDouble());
            case PropertyType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : new("", "wrong-type", "boolean");
            case PropertyType.StringList:
                if (value.ValueKind != JsonValueKind.Array) return new("", "wrong-type", "list of strings");
                if (definition.MaxItems is { } maxItems && value.GetArrayLength() > maxItems) return new("", "too-many", Str(maxItems));
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) return new("", "wrong-type", "list of strings");
                    if (item.GetString()!.Length > (definition.MaxLength ?? 500)) return new("", "too-long", Str(definition.MaxLength ?? 500));
                }
                return null;
        }

        if (value.ValueKind != JsonValueKind.String) return new("", "wrong-type", "string");
        var text = value.GetString()!;
        var maxLength = definition.MaxLength ?? (definition.Type == PropertyType.Text ? 10_000 : 200);
        if (text.Length > maxLength) return new("", "too-long", Str(maxLength));
        if (definition.Required && string.IsNullOrWhiteSpace(text)) return new("", "required");
        // A schema pattern must match the whole value, as an HTML pattern attribute does; wrapping it also stops
        // .NET's '$' from accepting a trailing newline.
        if (definition.Pattern is { } pattern && !Regex.IsMatch(text, $@"^(?:{pattern})\z", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            return new("", "bad-pattern");
        }
        return definition.Type switch
        {
            PropertyType.Enum when definition.Values is { } allowed && allowed.All(v => v.Value != text) =>
                new("", "not-allowed", text, string.Join(", ", allowed.Select(v => v.Value))),
            PropertyType.Email when !EmailAddresses.IsValid(text) => new("", "bad-email"),
            PropertyType.Url when !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") => new("", "bad-url"),
            PropertyType.Phone when !PhonePattern().IsMatch(text) || text.Count(char.IsAsciiDigit) is < 6 or > 20 => new("", "bad-phone"),
            PropertyType.Date when !GraphDates.TryParseDate(text, out _) => new("", "bad-date"),
            PropertyType.DateTime when !GraphDates.TryParseDateTime(text, out _) => new("", "bad-datetime"),
            _ => null,
        };
    }

    private static ValidationError? CheckRange(PropertyDefinition definition, double number) =>
        number < definition.Minimum ? new("", "too-small", Str(definition.Minimum.Value))
        : number > definition.Maximum ? new("", "too-large", Str(definition.Maximum.Value))
        : null;


    /// <summary>Compares a date or a date-time property as an instant (a date counts as its midnight UTC).</summary>
    private static bool TryInstant(string? text, out DateTimeOffset instant)
    {
        if (GraphDates.TryParseDate(text, out var date))
        {
            instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return GraphDates.TryParseDateTime(text, out instant);
    }

    private static string Str(double number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    // \z, not $: in .NET '$' also matches before a final newline, which would let "org-a\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z")]
    private static partial Regex IdPattern();


    [GeneratedRegex(@"^\+?[0-9 ()./-]+\z")]
    private static partial Regex PhonePattern();
}
