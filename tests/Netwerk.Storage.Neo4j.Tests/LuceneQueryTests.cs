using Netwerk.Storage.Neo4j;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>What a user types becomes a Lucene query for the node_names index that matches as the SQLite store's search does.</summary>
public sealed class LuceneQueryTests
{
    [Theory]
    [InlineData("maat", "maat*")]
    [InlineData("maatwerk kortrijk", "maatwerk* AND kortrijk*")]
    [InlineData("  Maatwerkb  ", "maatwerkb*")]
    [InlineData("ZOË verm", "zoe* AND verm*")]
    [InlineData("COÖRD", "coord*")]
    [InlineData("Sint-Eloois", "sint* AND eloois*")]
    [InlineData("Food Act 13", "food* AND act* AND 13*")]
    public void Every_word_is_folded_and_a_required_prefix(string text, string expected) =>
        Assert.Equal(expected, LuceneQuery.PrefixMatch(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- ** ?? \"\" :")]
    [InlineData(null)]
    public void Text_without_a_word_is_no_query(string? text) => Assert.Null(LuceneQuery.PrefixMatch(text));

    [Fact]
    public void Lucene_syntax_typed_by_a_user_stays_text()
    {
        // Operators, field names, wildcards, fuzziness, ranges and groups: split away or lower-cased into plain words.
        Assert.Equal("name* AND x* AND and* AND not* AND or* AND a* AND 2* AND b* AND to*", LuceneQuery.PrefixMatch("name:x AND NOT OR (a~2) [b TO *]"));
        Assert.Equal("kinderopvang* AND gent*", LuceneQuery.PrefixMatch("+kinderopvang -gent*"));
    }

    [Fact]
    public void Every_special_character_of_Lucene_is_escaped()
    {
        Assert.Equal(@"a\+b\-c\&\&d\|\|e\!\(f\)\{g\}\[h\]\^i\""j\~k\*l\?m\:n\\o\/p", LuceneQuery.Escape(@"a+b-c&&d||e!(f){g}[h]^i""j~k*l?m:n\o/p"));
        Assert.Equal("gewoon", LuceneQuery.Escape("gewoon"));
    }

    [Fact]
    public void At_most_sixteen_words_are_searched()
    {
        var text = string.Join(' ', Enumerable.Range(1, 20).Select(i => $"w{i}"));
        var query = LuceneQuery.PrefixMatch(text)!;
        Assert.Equal(16, query.Split(" AND ").Length);
        Assert.EndsWith("w16*", query, StringComparison.Ordinal);
    }
}
