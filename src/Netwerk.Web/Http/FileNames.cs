using System.Globalization;
using System.Text;

namespace Netwerk.Web.Http;

/// <summary>Parts of download file names (Content-Disposition) made from names and ids.</summary>
public static class FileNames
{
    /// <summary>
    /// Lower-case ASCII letters, digits and single dashes, accents dropped, at most 60 characters:
    /// "Zuid-West-Vlaanderen" → "zuid-west-vlaanderen", "region:zwvl" → "region-zwvl"; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Part(string text, string fallback = "netwerk")
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        var joined = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return joined.Length == 0 ? fallback : joined.Length > 60 ? joined[..60].TrimEnd('-') : joined;
    }
}
