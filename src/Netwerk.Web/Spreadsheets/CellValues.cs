using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// Turns cell text into the JSON value a schema property holds, the way a person meant it: "Ja" is true,
/// "Trajectbegeleider" is the enum value "trajectbegeleider", 05/03/2024 is 2024-03-05, phone numbers get one form.
/// It only converts: text it cannot read goes through unchanged, so the schema validator (the one the store uses)
/// reports it with its own message.
/// </summary>
public static class CellValues
{
    private static readonly string[] DateFormats =
        ["dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd", "dd/MM/yy", "d/M/yy"];

    private static readonly HashSet<string> True = ["ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"];
    private static readonly HashSet<string> False = ["nee", "n", "no", "false", "onwaar", "0", "niet"];

    public static JsonElement? Convert(PropertyDefinition? property, string text)
    {
        if (text.Length == 0) return null;
        if (property is null) return GraphJson.ToElement(text);
        switch (property.Type)
        {
            case PropertyType.Email:
                var email = text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
                return GraphJson.ToElement(email.Trim().Trim('<', '>').ToLowerInvariant());
            case PropertyType.Phone:
                return GraphJson.ToElement(PhoneNumbers.Normalise(text) ?? text);
            case PropertyType.Url when !text.Contains("://", StringComparison.Ordinal) && text.Contains('.', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal):
                return GraphJson.ToElement("https://" + text);
            case PropertyType.Enum:
                return GraphJson.ToElement(EnumValue(property.Values, text) ?? text);
            case PropertyType.Boolean:
                var folded = TextMatching.Fold(text);
                return True.Contains(folded) ? GraphJson.ToElement(true) : False.Contains(folded) ? GraphJson.ToElement(false) : GraphJson.ToElement(text);
            case PropertyType.Integer:
                var digits = text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? GraphJson.ToElement(integer) : GraphJson.ToElement(text);
            case PropertyType.Number:
                return double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? GraphJson.ToElement(number) : GraphJson.ToElement(text);
            case PropertyType.Date:
                return GraphJson.ToElement(Date(text) ?? text);
            case PropertyType.StringList:
                return GraphJson.ToElement(text.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            default:
                return GraphJson.ToElement(text);
        }
    }

    /// <summary>A date as yyyy-MM-dd from the ways Flemish sheets write one, or null.</summary>
    public static string? Date(string text)
    {
        var date = text.Split(' ')[0];
        return DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The allowed value whose code or Dutch or English label reads as <paramref name="text"/> (case and accents ignored).</summary>
    public static string? EnumValue(IReadOnlyList<AllowedValue>? values, string text)
    {
        if (values is null) return null;
        var folded = TextMatching.Fold(text);
        return values.FirstOrDefault(v => TextMatching.Fold(v.Value) == folded || TextMatching.Fold(v.Label.Nl) == folded || TextMatching.Fold(v.Label.En) == folded)?.Value;
    }
}
