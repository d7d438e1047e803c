using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Core.Tests.Schema;

public sealed class SchemaValidatorTests
{
    private static readonly SchemaValidator Validator = new(GraphSchema.Default);

    private static readonly Dictionary<string, string> Kinds = new()
    {
        ["p-an"] = "Person",
        ["p-bart"] = "Person",
        ["org-a"] = "Organisation",
        ["org-b"] = "Organisation",
        ["plat-1"] = "Platform",
        ["meet-1"] = "Meeting",
        ["theme-1"] = "Theme",
        ["agr-1"] = "Agreement",
    };

    private static string? KindOf(string id) => Kinds.GetValueOrDefault(id);

    private static List<(string Field, string Code)> Errors(NodeDraft draft, string path = "") =>
        Validator.ValidateNode(draft, path).Select(e => (e.Field, e.Code)).ToList();

    private static List<(string Field, string Code)> Errors(RelationshipDraft draft, string path = "") =>
        Validator.ValidateRelationship(draft, KindOf, path).Select(e => (e.Field, e.Code)).ToList();

    /// <summary>The single error a node draft gets when only <paramref name="property"/> is set to <paramref name="value"/>.</summary>
    private static List<(string Field, string Code)> ErrorsWith(NodeDraft draft, string property, object? value) =>
        Errors(draft.With(property, value));

    // ---- nodes: kinds and properties ----

    public static TheoryData<string> EveryKind => new(GraphSchema.Default.NodeKinds.Select(k => k.Code));

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Smallest_draft_of_every_kind_is_valid(string kind)
    {
        Assert.Empty(Errors(TestGraph.Of(kind, "n-1")));
        Assert.Empty(Errors(TestGraph.Of(kind, id: null)));
    }

    [Fact]
    public void Draft_without_kind_is_refused_without_looking_at_properties()
    {
        Assert.Equal([("kind", "required")], Errors(TestGraph.Node("n-1", null, ("colour", "rood"))));
        Assert.Equal([("kind", "required")], Errors(TestGraph.Node("n-1", "", ("name", "X"))));
    }

    [Fact]
    public void Unknown_kind_is_refused_with_its_name()
    {
        var error = Assert.Single(Validator.ValidateNode(TestGraph.Node("n-1", "Company", ("name", "X"))));

        Assert.Equal(("kind", "unknown-kind"), (error.Field, error.Code));
        Assert.Equal(["Company"], error.Args);
    }

    [Fact]
    public void Kind_codes_are_case_sensitive()
    {
        Assert.Equal([("kind", "unknown-kind")], Errors(TestGraph.Node("n-1", "organisation", ("name", "X"), ("type", "ocmw"), ("sector", "overheid"))));
    }

    [Fact]
    public void Missing_and_null_required_properties_are_both_required()
    {
        Assert.Equal([("properties.name", "required")], Errors(TestGraph.Organisation("org-a").Without("name")));
        Assert.Equal([("properties.name", "required")], ErrorsWith(TestGraph.Organisation("org-a"), "name", null));
        Assert.Equal([("properties.name", "required")], ErrorsWith(TestGraph.Organisation("org-a"), "name", " \t "));
        Assert.Equal([("properties.type", "required")], ErrorsWith(TestGraph.Organisation("org-a"), "type", ""));
    }

    [Fact]
    public void Draft_without_properties_reports_every_required_one()
    {
        var draft = new NodeDraft { Id = "meet-1", Kind = "Meeting" };

        Assert.Equal(
            [("properties.start", "required"), ("properties.title", "required"), ("properties.type", "required")],
            Errors(draft).OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    [Fact]
    public void Null_optional_property_counts_as_absent()
    {
        Assert.Empty(ErrorsWith(TestGraph.Organisation("org-a"), "email", null));
    }

    [Fact]
    public void Unknown_property_is_refused_with_its_name_and_kind()
    {
        var error = Assert.Single(Validator.ValidateNode(TestGraph.Organisation("org-a").With("colour", "rood")));

        Assert.Equal(("properties.colour", "unknown-property"), (error.Field, error.Code));
        Assert.Equal(["colour", "Organisation"], error.Args);
        Assert.Equal([("properties.Name", "unknown-property"), ("properties.name", "required")],
            Errors(TestGraph.Organisation("org-a").Without("name").With("Name", "X")).OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_under_the_given_path()
    {
        var draft = TestGraph.Person("p-1", email: "geen-adres").Without("name").With("function", "baas").With("shoeSize", 43);

        Assert.Equal(
            [
                ("nodes[3].properties.email", "bad-email"),
                ("nodes[3].properties.function", "not-allowed"),
                ("nodes[3].properties.name", "required"),
                ("nodes[3].properties.shoeSize", "unknown-property"),
            ],
            Errors(draft, "nodes[3]").OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    // ---- value types ----

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "Platform", "cadencePerYear", "\"4\"" },
        { "Platform", "cadencePerYear", "4.5" },
        { "Platform", "cadencePerYear", "true" },
        { "Platform", "cadencePerYear", "[4]" },
        { "Platform", "active", "\"true\"" },
        { "Platform", "active", "1" },
        { "Organisation", "name", "42" },
        { "Organisation", "name", "{\"nl\":\"X\"}" },
        { "Organisation", "type", "[\"ocmw\"]" },
        { "Agreement", "goals", "\"doel\"" },
        { "Agreement", "goals", "[\"doel\", 3]" },
        { "Agreement", "goals", "[null]" },
        { "Agreement", "startDate", "20240101" },
        { "Municipality", "population", "100000000000000000000" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Value_of_the_wrong_JSON_type_is_refused(string kind, string property, string json)
    {
        var draft = TestGraph.Of(kind, "n-1").With(property, JsonDocument.Parse(json).RootElement.Clone());

        Assert.Equal([($"properties.{property}", "wrong-type")], Errors(draft));
    }

    [Fact]
    public void Integers_are_checked_against_minimum_and_maximum()
    {
        var platform = TestGraph.Platform("plat-1");

        Assert.Empty(ErrorsWith(platform, "cadencePerYear", 0));
        Assert.Empty(ErrorsWith(platform, "cadencePerYear", 52));
        Assert.Equal([("properties.cadencePerYear", "too-small")], ErrorsWith(platform, "cadencePerYear", -1));
        Assert.Equal([("properties.cadencePerYear", "too-large")], ErrorsWith(platform, "cadencePerYear", 53));
        Assert.Equal([("properties.cadencePerYear", "too-large")], ErrorsWith(platform, "cadencePerYear", long.MaxValue));
        Assert.Empty(ErrorsWith(TestGraph.Municipality("mun-1"), "population", 1_000_000_000_000L));
        Assert.Equal([("properties.population", "too-small")], ErrorsWith(TestGraph.Municipality("mun-1"), "population", -5));
    }

    [Fact]
    public void Integer_error_says_the_limit()
    {
        var error = Assert.Single(Validator.ValidateNode(TestGraph.Platform("plat-1").With("cadencePerYear", 60)));

        Assert.Equal(["52"], error.Args);
        Assert.Equal("Maximaal 52.", error.Message("nl"));
        Assert.Equal("At most 52.", error.Message("en"));
    }

    [Fact]
    public void Strings_are_limited_to_their_maximum_length()
    {
        Assert.Empty(ErrorsWith(TestGraph.Organisation("org-a"), "name", new string('a', 200)));
        Assert.Equal([("properties.name", "too-long")], ErrorsWith(TestGraph.Organisation("org-a"), "name", new string('a', 201)));
        Assert.Empty(ErrorsWith(TestGraph.Agreement("agr-1"), "title", new string('a', 300)));
        Assert.Equal([("properties.title", "too-long")], ErrorsWith(TestGraph.Agreement("agr-1"), "title", new string('a', 301)));
        Assert.Empty(ErrorsWith(TestGraph.Theme("theme-1"), "description", new string('a', 10_000)));
        Assert.Equal([("properties.description", "too-long")], ErrorsWith(TestGraph.Theme("theme-1"), "description", new string('a', 10_001)));
    }

    [Fact]
    public void String_lists_are_limited_in_items_and_item_length()
    {
        var agreement = TestGraph.Agreement("agr-1");

        Assert.Empty(ErrorsWith(agreement, "goals", Array.Empty<string>()));
        Assert.Empty(ErrorsWith(agreement, "goals", Enumerable.Repeat("doel", 50).ToList()));
        Assert.Equal([("properties.goals", "too-many")], ErrorsWith(agreement, "goals", Enumerable.Repeat("doel", 51).ToList()));
        Assert.Empty(ErrorsWith(agreement, "goals", new List<string> { new('a', 500) }));
        Assert.Equal([("properties.goals", "too-long")], ErrorsWith(agreement, "goals", new List<string> { "kort", new('a', 501) }));
    }

    [Theory]
    [InlineData("maatwerkbedrijf", true)]
    [InlineData("lde-onderneming", true)]
    [InlineData("Maatwerkbedrijf", false)]
    [InlineData("maatwerkbedrijf ", false)]
    [InlineData("bakkerij", false)]
    public void Enum_accepts_exactly_its_listed_values(string value, bool valid)
    {
        var errors = ErrorsWith(TestGraph.Organisation("org-a"), "type", value);

        Assert.Equal(valid ? [] : [("properties.type", "not-allowed")], errors);
    }

    [Fact]
    public void Enum_error_lists_the_allowed_values()
    {
        var error = Assert.Single(Validator.ValidateNode(TestGraph.Person("p-1").With("preferredLanguage", "de")));

        Assert.Equal(["de", "nl, en, fr"], error.Args);
        Assert.Contains("nl, en, fr", error.Message("en"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an.peeters@vdab.be", true)]
    [InlineData("an+overleg@sub.lokaalbestuur.be", true)]
    [InlineData("AN@VDAB.BE", true)]
    [InlineData("an", false)]
    [InlineData("an@", false)]
    [InlineData("@vdab.be", false)]
    [InlineData("an@vdab", false)]
    [InlineData("an@@vdab.be", false)]
    [InlineData("an peeters@vdab.be", false)]
    [InlineData("An Peeters <an@vdab.be>", false)]
    [InlineData("an@vdab.be\n", false)]
    [InlineData("an@vdab.be;bart@vdab.be", false)]
    public void Email_must_be_one_plain_address(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.email", "bad-email")], ErrorsWith(TestGraph.Person("p-1"), "email", value));
    }

    [Theory]
    [InlineData("https://www.delink.be", true)]
    [InlineData("http://delink.be/over-ons?taal=nl", true)]
    [InlineData("www.delink.be", false)]
    [InlineData("ftp://delink.be", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("mailto:info@delink.be", false)]
    [InlineData("https://", false)]
    public void Website_must_be_an_absolute_http_or_https_address(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.website", "bad-url")], ErrorsWith(TestGraph.Organisation("org-a"), "website", value));
    }

    [Theory]
    [InlineData("+32 56 12 34 56", true)]
    [InlineData("056/12.34.56", true)]
    [InlineData("(056) 12-34-56", true)]
    [InlineData("0470123456", true)]
    [InlineData("12345", false)]
    [InlineData("tel. 056 12 34 56", false)]
    [InlineData("+32 56 12 34 56 ext 3", false)]
    [InlineData("123456789012345678901", false)]
    [InlineData("056 12 34 56\n", false)]
    public void Phone_is_digits_with_common_separators(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.phone", "bad-phone")], ErrorsWith(TestGraph.Person("p-1"), "phone", value));
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2025-12-31", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2023-02-30", false)]
    [InlineData("2024-13-01", false)]
    [InlineData("2024-2-5", false)]
    [InlineData("05/02/2024", false)]
    [InlineData("2024-02-05T00:00:00Z", false)]
    [InlineData(" 2024-02-05", false)]
    [InlineData("", true)] // a blank optional field counts as not set (GraphJson.IsSet)
    public void Date_is_a_real_calendar_date_in_iso_form(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.raisedOn", "bad-date")], ErrorsWith(TestGraph.Signal("sig-1"), "raisedOn", value));
    }

    [Theory]
    [InlineData("2025-03-10T09:30:00+01:00", true)]
    [InlineData("2025-03-10T08:30:00Z", true)]
    [InlineData("2025-03-10T09:30:00.250+01:00", true)]
    [InlineData("2025-03-10T09:30:00-05:00", true)]
    [InlineData("2025-03-10T09:30:00", false)]
    [InlineData("2025-03-10T09:30:00.000", false)]
    [InlineData("2025-03-10 09:30:00+01:00", false)]
    [InlineData("2025-03-10", false)]
    [InlineData("2025-03-10T25:30:00+01:00", false)]
    [InlineData("2025-02-30T09:30:00+01:00", false)]
    [InlineData("10/03/2025 09:30 +01:00", false)]
    public void Date_time_needs_an_offset_or_Z(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.start", "bad-datetime")], ErrorsWith(TestGraph.Meeting("meet-1"), "start", value));
    }

    [Theory]
    [InlineData("34042", true)]
    [InlineData("3404", false)]
    [InlineData("340420", false)]
    [InlineData("3404a", false)]
    [InlineData("34042\n", false)]
    public void Pattern_must_match_the_whole_value(string value, bool valid)
    {
        Assert.Equal(valid ? [] : [("properties.nisCode", "bad-pattern")], ErrorsWith(TestGraph.Municipality("mun-1"), "nisCode", value));
    }

    [Theory]
    [InlineData("org-a", true)]
    [InlineData("A", true)]
    [InlineData("w13:org.1", true)]
    [InlineData("org_a", true)]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e", true)]
    [InlineData("", false)]
    [InlineData("-org", false)]
    [InlineData(".org", false)]
    [InlineData("org a", false)]
    [InlineData("orgé", false)]
    [InlineData("org/a", false)]
    [InlineData("org-a\n", false)]
    public void Id_uses_letters_digits_and_a_few_separators(string id, bool valid)
    {
        Assert.Equal(valid ? [] : [("id", "bad-id")], Errors(TestGraph.Theme(id)));
    }

    [Fact]
    public void Id_is_at_most_128_characters()
    {
        Assert.Empty(Errors(TestGraph.Theme(new string('a', 128))));
        Assert.Equal([("id", "bad-id")], Errors(TestGraph.Theme(new string('a', 129))));
    }

    // ---- date order ----

    [Fact]
    public void Agreement_may_not_end_before_it_starts()
    {
        var agreement = TestGraph.Agreement("agr-1");

        var error = Assert.Single(Validator.ValidateNode(agreement.With("startDate", "2025-01-01").With("endDate", "2024-12-31")));

        Assert.Equal(("properties.endDate", "date-order"), (error.Field, error.Code));
        Assert.Equal(["startDate", "endDate"], error.Args);
        Assert.Empty(Errors(agreement.With("startDate", "2025-01-01").With("endDate", "2025-01-01")));
        Assert.Empty(Errors(agreement.With("startDate", "2025-01-01")));
        Assert.Empty(Errors(agreement.With("endDate", "2020-01-01")));
    }

    [Fact]
    public void Date_order_is_not_reported_on_top_of_a_bad_date()
    {
        Assert.Equal([("properties.startDate", "bad-date")],
            Errors(TestGraph.Agreement("agr-1").With("startDate", "2025-02-30").With("endDate", "2024-01-01")));
    }

    [Fact]
    public void Meeting_times_are_compared_as_instants_across_offsets()
    {
        var meeting = TestGraph.Meeting("meet-1", start: "2025-04-01T10:00:00+02:00");

        // 09:30+01:00 is 10:30+02:00: after the start.
        Assert.Empty(Errors(meeting.With("end", "2025-04-01T09:30:00+01:00")));
        // 08:30Z is 10:30+02:00 as well.
        Assert.Empty(Errors(meeting.With("end", "2025-04-01T08:30:00Z")));
        // 09:30+02:00 is half an hour before the start.
        Assert.Equal([("properties.end", "date-order")], Errors(meeting.With("end", "2025-04-01T09:30:00+02:00")));
        Assert.Equal([("properties.end", "date-order")],
            Errors(TestGraph.Meeting("meet-1", start: "2025-04-01T10:00:00+01:00").With("end", "2025-04-01T10:30:00+02:00")));
    }

    // ---- relationships ----

    [Fact]
    public void Relationship_between_allowed_kinds_is_valid()
    {
        Assert.Empty(Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", validFrom: "2024-01-01", validUntil: "2024-12-31",
            properties: ("function", "jobcoach"))));
        Assert.Empty(Errors(TestGraph.Rel("INVITED", "p-an", "meet-1", properties: [("status", "tentative"), ("sequence", 0)])));
    }

    [Fact]
    public void Relationship_type_is_required_and_must_exist()
    {
        Assert.Equal([("type", "required")], Errors(TestGraph.Rel(null, "p-an", "org-a")));
        var unknown = Assert.Single(Validator.ValidateRelationship(TestGraph.Rel("KNOWS", "p-an", "p-bart").With("since", 2020), KindOf));
        Assert.Equal(("type", "unknown-type"), (unknown.Field, unknown.Code));
        Assert.Equal(["KNOWS"], unknown.Args);
    }

    [Fact]
    public void Relationship_between_kinds_the_type_does_not_join_is_refused_naming_them()
    {
        var error = Assert.Single(Validator.ValidateRelationship(TestGraph.Rel("WORKS_FOR", "org-a", "p-an"), KindOf));

        Assert.Equal(("type", "endpoint-not-allowed"), (error.Field, error.Code));
        Assert.Equal(["WORKS_FOR", "Organisation", "Person"], error.Args);
        Assert.Equal("A WORKS_FOR relationship from Organisation to Person is not allowed.", error.Message("en"));
    }

    [Fact]
    public void Relationship_to_a_node_that_does_not_exist_is_dangling()
    {
        var errors = Validator.ValidateRelationship(TestGraph.Rel("WORKS_FOR", "p-ghost", "org-ghost"), KindOf);

        Assert.Equal([("from", "dangling-endpoint"), ("to", "dangling-endpoint")], errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(["p-ghost"], errors[0].Args);
    }

    [Fact]
    public void Missing_endpoints_are_required_and_not_a_self_loop()
    {
        Assert.Equal([("from", "required"), ("to", "required")], Errors(TestGraph.Rel("WORKS_FOR", null, null)));
        Assert.Equal([("from", "required"), ("to", "required")], Errors(TestGraph.Rel("WORKS_FOR", "", "")));
        Assert.Equal([("to", "required")], Errors(TestGraph.Rel("WORKS_FOR", "p-an", "")));
    }

    [Fact]
    public void Relationship_from_a_node_to_itself_is_refused()
    {
        Assert.Equal([("to", "self-loop")], Errors(TestGraph.Rel("COLLABORATES_WITH", "org-a", "org-a")));
    }

    [Fact]
    public void Relationship_validity_dates_are_checked_and_ordered()
    {
        Assert.Equal([("validFrom", "bad-date")], Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", validFrom: "01/02/2024")));
        Assert.Equal([("validUntil", "bad-date")], Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", validUntil: "2023-02-29")));
        Assert.Equal([("validUntil", "date-order")], Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", validFrom: "2024-06-01", validUntil: "2024-05-31")));
        Assert.Empty(Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", validFrom: "2024-06-01", validUntil: "2024-06-01")));
        Assert.Empty(Errors(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", validUntil: "2024-06-01")));
    }

    [Fact]
    public void Relationship_properties_are_checked_against_the_type()
    {
        Assert.Equal([("properties.role", "not-allowed")], Errors(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", properties: ("role", "baas"))));
        Assert.Equal([("properties.sequence", "too-small")], Errors(TestGraph.Rel("INVITED", "p-an", "meet-1", properties: ("sequence", -1))));
        Assert.Equal([("properties.function", "unknown-property")], Errors(TestGraph.Rel("ATTENDED", "p-an", "meet-1", properties: ("function", "jobcoach"))));
        Assert.Equal([("properties.role", "too-long")], Errors(TestGraph.Rel("PARTY_TO", "org-a", "agr-1", properties: ("role", new string('r', 101)))));
    }

    [Fact]
    public void Relationship_errors_are_reported_together_under_the_given_path()
    {
        var draft = TestGraph.Rel("MEMBER_OF", "p-an", "org-ghost", id: "r 1", validFrom: "gisteren", properties: ("role", "baas"));

        Assert.Equal(
            [
                ("relationships[2].id", "bad-id"),
                ("relationships[2].properties.role", "not-allowed"),
                ("relationships[2].to", "dangling-endpoint"),
                ("relationships[2].validFrom", "bad-date"),
            ],
            Errors(draft, "relationships[2]").OrderBy(e => e.Field, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_pair_of_kinds_is_allowed_exactly_when_the_schema_lists_it()
    {
        var schema = GraphSchema.Default;
        var kinds = schema.NodeKinds.Select(k => k.Code).ToList();
        var checkedPairs = 0;
        foreach (var type in schema.RelationshipTypes)
        {
            foreach (var from in kinds)
            {
                foreach (var to in kinds)
                {
                    var errors = Validator.ValidateRelationship(TestGraph.Rel(type.Code, "a", "b"), id => id == "a" ? from : to);
                    var allowed = type.Endpoints.Contains(new EndpointPair(from, to));
                    Assert.True(allowed == (errors.Count == 0), $"{type.Code} {from} → {to}: {string.Join(", ", errors.Select(e => e.Code))}");
                    if (!allowed) Assert.Equal("endpoint-not-allowed", Assert.Single(errors).Code);
                    checkedPairs++;
                }
            }
        }
        Assert.Equal(schema.RelationshipTypes.Count * kinds.Count * kinds.Count, checkedPairs);
    }

    // ---- filters ----

    [Fact]
    public void Filter_values_are_converted_to_the_stored_JSON_type()
    {
        var platform = GraphSchema.Default.Kind("Platform")!;

        Assert.True(SchemaValidator.TryParseFilterValue(platform.Property("cadencePerYear")!, "4", out var integer));
        Assert.Equal(JsonValueKind.Number, integer.ValueKind);
        Assert.Equal(4, integer.GetInt64());
        Assert.True(SchemaValidator.TryParseFilterValue(platform.Property("active")!, "false", out var boolean));
        Assert.Equal(JsonValueKind.False, boolean.ValueKind);
        Assert.True(SchemaValidator.TryParseFilterValue(platform.Property("name")!, "ROSE \"2\"", out var text));
        Assert.Equal("ROSE \"2\"", text.GetString());
        Assert.False(SchemaValidator.TryParseFilterValue(platform.Property("cadencePerYear")!, "vier", out _));
        Assert.False(SchemaValidator.TryParseFilterValue(platform.Property("active")!, "ja", out _));
    }

    [Fact]
    public void Number_filter_refuses_what_is_not_a_finite_number()
    {
        var number = new PropertyDefinition { Name = "score", Type = PropertyType.Number, Label = new("Score", "Score") };

        Assert.True(SchemaValidator.TryParseFilterValue(number, "1.5", out var value));
        Assert.Equal(1.5, value.GetDouble());
        Assert.False(SchemaValidator.TryParseFilterValue(number, "NaN", out _));
        Assert.False(SchemaValidator.TryParseFilterValue(number, "1e400", out _));
    }

    // ---- a custom schema: number properties, which the shipped schema does not use ----

    private static readonly SchemaValidator ScoreValidator = new(new GraphSchema
    {
        Version = 1,
        NodeKinds =
        [
            new NodeKindDefinition
            {
                Code = "Thing",
                Label = new("Ding", "Thing"),
                Plural = new("Dingen", "Things"),
                NameProperty = "name",
                Style = new("#000000", "ellipse"),
                Properties =
                [
                    new PropertyDefinition { Name = "name", Type = PropertyType.String, Required = true, Label = new("Naam", "Name") },
                    new PropertyDefinition { Name = "score", Type = PropertyType.Number, Label = new("Score", "Score"), Minimum = 0, Maximum = 10 },
                    new PropertyDefinition { Name = "code", Type = PropertyType.String, Label = new("Code", "Code"), Pattern = "[A-Z]{3}|[0-9]{4}" },
                ],
            },
        ],
        RelationshipTypes = [],
    });

    [Theory]
    [InlineData("0", null)]
    [InlineData("9.75", null)]
    [InlineData("10", null)]
    [InlineData("-0.5", "too-small")]
    [InlineData("10.01", "too-large")]
    [InlineData("1e400", "too-large")]
    [InlineData("-1e400", "too-small")]
    [InlineData("\"5\"", "wrong-type")]
    public void Number_is_any_JSON_number_within_range(string json, string? code)
    {
        var draft = TestGraph.Node("t-1", "Thing", ("name", "Ding"), ("score", JsonDocument.Parse(json).RootElement.Clone()));

        var errors = ScoreValidator.ValidateNode(draft).Select(e => (e.Field, e.Code)).ToList();

        Assert.Equal(code is null ? [] : [("properties.score", code)], errors);
    }

    [Theory]
    [InlineData("ABC", true)]
    [InlineData("1234", true)]
    [InlineData("xABC", false)]
    [InlineData("ABCD", false)]
    [InlineData("ABC1234", false)]
    [InlineData("12345", false)]
    public void Unanchored_pattern_still_has_to_match_the_whole_value(string value, bool valid)
    {
        var draft = TestGraph.Node("t-1", "Thing", ("name", "Ding"), ("code", value));

        var errors = ScoreValidator.ValidateNode(draft).Select(e => (e.Field, e.Code)).ToList();

        Assert.Equal(valid ? [] : [("properties.code", "bad-pattern")], errors);
    }
}
