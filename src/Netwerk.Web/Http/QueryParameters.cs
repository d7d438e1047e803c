using System.Globalization;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Http;

/// <summary>Parsing of query-string values into typed values, with a per-field 400 on bad input.</summary>
public static class QueryParameters
{
    public static DateOnly? Date(string? text, string field) =>
        text is null ? null
        : GraphDates.TryParseDate(text, out var date) ? date
        : throw RequestProblemException.Invalid(new ValidationError(field, "bad-date"));

    public static int Int(string? text, string field, int defaultValue, int minimum, int maximum)
    {
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw RequestProblemException.Invalid(new ValidationError(field, "wrong-type", "integer"));
        }
        if (value < minimum) throw RequestProblemException.Invalid(new ValidationError(field, "too-small", minimum.ToString(CultureInfo.InvariantCulture)));
        if (value > maximum) throw RequestProblemException.Invalid(new ValidationError(field, "too-large", maximum.ToString(CultureInfo.InvariantCulture)));
        return value;
    }

    public static long Long(string? text, string field, long defaultValue)
    {
        if (text is null) return defaultValue;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw RequestProblemException.Invalid(new ValidationError(field, "too-small", "0"));
    }
}
