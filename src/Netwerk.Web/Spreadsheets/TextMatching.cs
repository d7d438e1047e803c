using System.Globalization;
using System.Text;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// How names from a sheet are compared with names in the graph: folded (case, accents, punctuation and spacing
/// ignored), organisations without their legal form ("vzw", "bv"), people's words in any order ("Peeters, An" is
/// "An Peeters"), and Jaro-Winkler similarity for the near misses a person must confirm.
/// </summary>
public static class TextMatching
{
    private static readonly HashSet<string> LegalForms = ["vzw", "asbl", "bv", "bvba", "nv", "cv", "cvba", "vof", "comm", "v", "ivzw", "sa", "srl"];

    /// <summary>Lower case, no accents, letters and digits separated by single spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                if (space && builder.Length > 0) builder.Append(' ');
                space = false;
                builder.Append(char.ToLowerInvariant(ch));
            }
            else space = true;
        }
        return builder.ToString();
    }

    /// <summary>The key two organisation names share when they name the same organisation: folded, legal forms dropped.</summary>
    public static string OrganisationKey(string? name) =>
        // Dots go first so "V.Z.W." reads as the legal form "vzw".
        string.Join(' ', Fold(name?.Replace(".", "", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalForms.Contains(w)));

    /// <summary>The key of a person's name: folded words in alphabetical order.</summary>
    public static string PersonKey(string? name) =>
        string.Join(' ', Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        if (a == b) return 1;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var start = Math.Max(0, i - window);
            var end = Math.Min(b.Length - 1, i + window);
            for (var j = start; j <= end; j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        var m = (double)matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
