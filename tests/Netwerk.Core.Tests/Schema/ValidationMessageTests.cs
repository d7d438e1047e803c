using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Core.Tests.Schema;

/// <summary>Every code the validator (or a store) emits has a real message in Dutch and English.</summary>
public sealed class ValidationMessageTests
{
    private const string DutchFallback = "Ongeldige waarde.";
    private const string EnglishFallback = "Invalid value.";

    private static readonly SchemaValidator Validator = new(GraphSchema.Default);

    private static string? KindOf(string id) => id switch
    {
        "p-an" => "Person",
        "org-a" => "Organisation",
        "plat-1" => "Platform",
        _ => null,
    };

    /// <summary>One write per validator code that triggers it.</summary>
    private static readonly Dictionary<string, Func<List<ValidationError>>> Triggers = new()
    {
        ["required"] = () => Validator.ValidateNode(TestGraph.Organisation("org-a").Without("name")),
        ["unknown-kind"] = () => Validator.ValidateNode(TestGraph.Node("n-1", "Company")),
        ["unknown-type"] = () => Validator.ValidateRelationship(TestGraph.Rel("KNOWS", "p-an", "org-a"), KindOf),
        ["unknown-property"] = () => Validator.ValidateNode(TestGraph.Organisation("org-a").With("colour", "rood")),
        ["wrong-type"] = () => Validator.ValidateNode(TestGraph.Platform("plat-1").With("cadencePerYear", "vier")),
        ["not-allowed"] = () => Validator.ValidateNode(TestGraph.Organisation("org-a", type: "bakkerij")),
        ["too-long"] = () => Validator.ValidateNode(TestGraph.Theme("theme-1", new string('x', 201))),
        ["too-many"] = () => Validator.ValidateNode(TestGraph.Agreement("agr-1").With("goals", Enumerable.Repeat("doel", 51).ToList())),
        ["too-small"] = () => Validator.ValidateNode(TestGraph.Platform("plat-1").With("cadencePerYear", -1)),
        ["too-large"] = () => Validator.ValidateNode(TestGraph.Platform("plat-1").With("cadencePerYear", 53)),
        ["bad-email"] = () => Validator.ValidateNode(TestGraph.Person("p-1", email: "geen-adres")),
        ["bad-url"] = () => Validator.ValidateNode(TestGraph.Organisation("org-a").With("website", "www.delink.be")),
        ["bad-phone"] = () => Validator.ValidateNode(TestGraph.Person("p-1").With("phone", "bel me")),
        ["bad-date"] = () => Validator.ValidateNode(TestGraph.Agreement("agr-1").With("startDate", "2023-02-30")),
        ["bad-datetime"] = () => Validator.ValidateNode(TestGraph.Meeting("meet-1", start: "2025-03-10T09:30:00")),
        ["bad-pattern"] = () => Validator.ValidateNode(TestGraph.Municipality("mun-1").With("nisCode", "340")),
        ["date-order"] = () => Validator.ValidateNode(TestGraph.Agreement("agr-1").With("startDate", "2025-01-01").With("endDate", "2024-01-01")),
        ["endpoint-not-allowed"] = () => Validator.ValidateRelationship(TestGraph.Rel("WORKS_FOR", "org-a", "p-an"), KindOf),
        ["dangling-endpoint"] = () => Validator.ValidateRelationship(TestGraph.Rel("WORKS_FOR", "p-an", "org-ghost"), KindOf),
        ["self-loop"] = () => Validator.ValidateRelationship(TestGraph.Rel("COLLABORATES_WITH", "org-a", "org-a"), KindOf),
        ["bad-id"] = () => Validator.ValidateNode(TestGraph.Theme("thema taal")),
    };

    public static TheoryData<string> ValidatorCodes => new(Triggers.Keys);

    /// <summary>Codes stores and the API emit themselves (kind change, duplicates in an import, URL/body mismatch, filters).</summary>
    public static TheoryData<string, string[]> StoreCodes => new()
    {
        { "immutable", ["kind", "Organisation"] },
        { "duplicate-id", ["org-a"] },
        { "id-mismatch", [] },
        { "unknown-filter", ["colour"] },
    };

    [Theory]
    [MemberData(nameof(ValidatorCodes))]
    public void Every_validator_code_has_a_Dutch_and_English_message(string code)
    {
        var error = Assert.Single(Triggers[code](), e => e.Code == code);

        AssertRealMessages(error);
    }

    [Theory]
    [MemberData(nameof(StoreCodes))]
    public void Every_store_code_has_a_Dutch_and_English_message(string code, string[] args)
    {
        AssertRealMessages(new ValidationError("field", code, args));
    }

    [Fact]
    public void The_triggers_cover_every_code_the_validator_knows()
    {
        Assert.Equal(21, Triggers.Count);
        Assert.All(Triggers, t => Assert.Contains(t.Value(), e => e.Code == t.Key));
    }

    [Fact]
    public void Unknown_code_falls_back_to_a_generic_message()
    {
        var error = new ValidationError("x", "no-such-code");

        Assert.Equal(DutchFallback, error.Message("nl"));
        Assert.Equal(EnglishFallback, error.Message("en"));
    }

    [Fact]
    public void Dutch_is_the_default_language()
    {
        var error = new ValidationError("properties.name", "required");

        Assert.Equal(error.Message("nl"), error.Message());
        Assert.Equal(error.Message("nl"), error.Message("fr"));
        Assert.NotEqual(error.Message("nl"), error.Message("en"));
    }

    [Fact]
    public void Messages_fill_in_their_arguments()
    {
        var error = Assert.Single(Validator.ValidateNode(TestGraph.Organisation("org-a").With("colour", "rood")));

        Assert.Equal("Onbekende eigenschap 'colour' voor Organisation.", error.Message("nl"));
        Assert.Equal("Unknown property 'colour' for Organisation.", error.Message("en"));
    }

    private static void AssertRealMessages(ValidationError error)
    {
        var nl = error.Message("nl");
        var en = error.Message("en");

        Assert.NotEqual(DutchFallback, nl);
        Assert.NotEqual(EnglishFallback, en);
        Assert.NotEqual(nl, en);
        Assert.DoesNotContain("{", nl, StringComparison.Ordinal);
        Assert.DoesNotContain("{", en, StringComparison.Ordinal);
        Assert.EndsWith(".", nl, StringComparison.Ordinal);
        Assert.EndsWith(".", en, StringComparison.Ordinal);
    }
}
