using System.Globalization;

namespace Netwerk.Core.Graph;

/// <summary>The one date format of the graph (ISO 8601 calendar date) and its strict parser.</summary>
public static class GraphDates
{
    public const string DateFormat = "yyyy-MM-dd";

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A validated optional date: null or blank means "no date".</summary>
    public static DateOnly? ParseOptionalDate(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO 8601 date-time that carries an offset or Z; floating local times are refused.</summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20) return false;
        var hasOffset = text.EndsWith('Z') || text[^6] is '+' or '-';
        return hasOffset && text[10] == 'T' && DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }
}
