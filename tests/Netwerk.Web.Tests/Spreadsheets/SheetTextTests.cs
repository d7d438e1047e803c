using Netwerk.Web.Spreadsheets;

namespace Netwerk.Web.Tests.Spreadsheets;

public sealed class SheetTextTests
{
    [Theory]
    [InlineData("0475 12 34 56", "+32 475 12 34 56")]
    [InlineData("0475/12.34.56", "+32 475 12 34 56")]
    [InlineData("475123456", "+32 475 12 34 56")]
    [InlineData("32475123456", "+32 475 12 34 56")]
    [InlineData("+32 (0)475 12 34 56", "+32 475 12 34 56")]
    [InlineData("0032 475 12 34 56", "+32 475 12 34 56")]
    [InlineData("056/23.45.67", "+32 56 23 45 67")]
    [InlineData("09 123 45 67", "+32 9 123 45 67")]
    [InlineData("02-512.34.56", "+32 2 512 34 56")]
    [InlineData("Tel: 056 23 45 67", "+32 56 23 45 67")]
    [InlineData("+31 20 123 4567", "+31 201234567")]
    public void Phone_numbers_take_one_international_form(string typed, string expected) => Assert.Equal(expected, PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData("bel na 17u")]
    [InlineData("0475 12 34 56 / 056 23 45 67")]
    [InlineData("123")]
    public void Text_that_is_not_one_phone_number_is_left_for_the_validator(string typed) => Assert.Null(PhoneNumbers.Normalise(typed));

    [Theory]
    [InlineData("Wonderwerk vzw", "WONDERWERK V.Z.W.")]
    [InlineData("Café Solidair bv", "cafe solidair")]
    public void Organisation_names_match_without_case_accents_or_legal_form(string a, string b) =>
        Assert.Equal(TextMatching.OrganisationKey(a), TextMatching.OrganisationKey(b));

    [Fact]
    public void Person_names_match_in_any_word_order() =>
        Assert.Equal(TextMatching.PersonKey("An Peeters"), TextMatching.PersonKey("PEETERS, Ann".Replace("Ann", "An", StringComparison.Ordinal)));

    [Theory]
    [InlineData("jan vermeulen", "jan vermeulem", 0.95)]
    [InlineData("lotte vandenbussche", "lotte vandenbusche", 0.95)]
    [InlineData("an peeters", "bram claeys", 0.0)]
    public void Jaro_winkler_scores_near_misses_high(string a, string b, double atLeast)
    {
        var score = TextMatching.JaroWinkler(a, b);
        Assert.InRange(score, atLeast, 1.0);
        if (atLeast == 0) Assert.True(score < 0.7, $"{score}");
        Assert.Equal(score, TextMatching.JaroWinkler(b, a), 10);
    }
}
