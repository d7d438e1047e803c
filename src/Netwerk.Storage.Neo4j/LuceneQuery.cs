using System.Globalization;
using System.Text;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// What a user typed, as a query of the <c>node_names</c> full-text index (Lucene syntax, passed as a parameter): the
/// words split as the SQLite store splits them (runs of letters and digits, at most 16), each folded to lower case
/// without accents as the index's <c>standard-folding</c> analyzer stores names (Lucene does not analyse prefix
/// terms, so the query must already be folded), escaped, and made a prefix; every word is required.
/// </summary>
internal static class LuceneQuery
{
    private const int MaxWords = 16;

    /// <summary>Characters with a meaning in Lucene's query syntax (a backslash escapes them).</summary>
    private const string Special = "+-&|!(){}[]^\"~*?:\\/";

    /// <summary>The query, or null when the text holds no word (it then matches nothing).</summary>
    public static string? PrefixMatch(string? text)
    {
        var words = Words(text ?? "").Take(MaxWords).Select(word => Escape(Fold(word)) + "*").ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words);
    }

    public static string Escape(string term)
    {
        var escaped = new StringBuilder(term.Length);
        foreach (var c in term)
        {
            if (Special.Contains(c, StringComparison.Ordinal)) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Lower case without diacritics: "Coördinatoren" becomes "coordinatoren", "Zoë" "zoe".</summary>
    public static string Fold(string word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }
}
