using System.Text.Json;
using System.Text.RegularExpressions;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Core.Tests.Schema;

/// <summary>The shipped schema.json is coherent: everything it names exists, and what stores rely on is there.</summary>
public sealed class GraphSchemaTests
{
    private static readonly GraphSchema Schema = GraphSchema.Default;

    private static IEnumerable<(string Owner, PropertyDefinition Property)> AllProperties =>
        Schema.NodeKinds.SelectMany(k => k.Properties.Select(p => (k.Code, p)))
            .Concat(Schema.RelationshipTypes.SelectMany(t => t.Properties.Select(p => (t.Code, p))));

    [Fact]
    public void Default_schema_loads_with_the_node_kinds_of_the_design()
    {
        Assert.True(Schema.Version >= 1);
        Assert.Equal(
            ["Agreement", "Meeting", "Municipality", "Organisation", "Person", "Platform", "Project", "Region", "Signal", "Theme"],
            Schema.NodeKinds.Select(k => k.Code).Order(StringComparer.Ordinal));
        Assert.Same(Schema, GraphSchema.Default);
    }

    [Fact]
    public void Codes_are_unique()
    {
        Assert.Equal(Schema.NodeKinds.Count, Schema.NodeKinds.Select(k => k.Code).Distinct().Count());
        Assert.Equal(Schema.RelationshipTypes.Count, Schema.RelationshipTypes.Select(t => t.Code).Distinct().Count());
        Assert.All(Schema.NodeKinds, k => Assert.Equal(k.Properties.Count, k.Properties.Select(p => p.Name).Distinct().Count()));
        Assert.All(Schema.RelationshipTypes, t => Assert.Equal(t.Properties.Count, t.Properties.Select(p => p.Name).Distinct().Count()));
        Assert.All(Schema.RelationshipTypes, t => Assert.Equal(t.Endpoints.Count, t.Endpoints.Distinct().Count()));
    }

    [Fact]
    public void Every_relationship_endpoint_names_a_known_kind()
    {
        var kinds = Schema.NodeKinds.Select(k => k.Code).ToHashSet();

        Assert.All(Schema.RelationshipTypes, type =>
        {
            Assert.NotEmpty(type.Endpoints);
            Assert.All(type.Endpoints, e =>
            {
                Assert.Contains(e.From, kinds);
                Assert.Contains(e.To, kinds);
            });
        });
    }

    [Fact]
    public void Every_kind_is_named_by_a_required_string_property()
    {
        Assert.All(Schema.NodeKinds, kind =>
        {
            var name = kind.Property(kind.NameProperty);
            Assert.True(name is not null, $"{kind.Code}.{kind.NameProperty} is not a property");
            Assert.True(name.Required, $"{kind.Code}.{kind.NameProperty} is not required");
            Assert.Equal(PropertyType.String, name.Type);
        });
    }

    [Fact]
    public void Every_enum_property_has_distinct_labelled_values()
    {
        var enums = AllProperties.Where(p => p.Property.Type == PropertyType.Enum).ToList();

        Assert.NotEmpty(enums);
        Assert.All(enums, e =>
        {
            var values = e.Property.Values;
            Assert.True(values is { Count: > 0 }, $"{e.Owner}.{e.Property.Name} has no values");
            Assert.Equal(values.Count, values.Select(v => v.Value).Distinct().Count());
            Assert.All(values, v =>
            {
                Assert.False(string.IsNullOrWhiteSpace(v.Value));
                Assert.False(string.IsNullOrWhiteSpace(v.Label.Nl));
                Assert.False(string.IsNullOrWhiteSpace(v.Label.En));
            });
        });
    }

    [Fact]
    public void Values_are_listed_only_on_enum_properties()
    {
        Assert.All(AllProperties.Where(p => p.Property.Type != PropertyType.Enum), p => Assert.Null(p.Property.Values));
    }

    [Fact]
    public void Everything_the_user_sees_has_a_Dutch_and_English_label()
    {
        Assert.All(Schema.NodeKinds, k =>
        {
            Assert.False(string.IsNullOrWhiteSpace(k.Label.Nl) || string.IsNullOrWhiteSpace(k.Label.En), k.Code);
            Assert.False(string.IsNullOrWhiteSpace(k.Plural.Nl) || string.IsNullOrWhiteSpace(k.Plural.En), k.Code);
            Assert.Matches("^#[0-9a-f]{6}$", k.Style.Color);
            Assert.False(string.IsNullOrWhiteSpace(k.Style.Shape));
        });
        Assert.All(Schema.RelationshipTypes, t => Assert.False(string.IsNullOrWhiteSpace(t.Label.Nl) || string.IsNullOrWhiteSpace(t.Label.En), t.Code));
        Assert.All(AllProperties, p =>
            Assert.False(string.IsNullOrWhiteSpace(p.Property.Label.Nl) || string.IsNullOrWhiteSpace(p.Property.Label.En), $"{p.Owner}.{p.Property.Name}"));
    }

    [Fact]
    public void Date_order_pairs_name_two_date_properties_of_their_kind()
    {
        var kindsWithOrder = Schema.NodeKinds.Where(k => k.DateOrder.Count > 0).Select(k => k.Code).Order(StringComparer.Ordinal);
        Assert.Equal(["Agreement", "Meeting", "Project"], kindsWithOrder);
        Assert.All(Schema.NodeKinds, kind => Assert.All(kind.DateOrder, pair =>
        {
            Assert.Equal(2, pair.Count);
            Assert.All(pair, name => Assert.True(
                kind.Property(name)?.Type is PropertyType.Date or PropertyType.DateTime, $"{kind.Code}.{name} is not a date"));
            Assert.Equal(kind.Property(pair[0])!.Type, kind.Property(pair[1])!.Type);
        }));
    }

    [Fact]
    public void Defaults_are_valid_values_of_their_property()
    {
        var validator = new SchemaValidator(Schema);
        var withDefaults = 0;
        foreach (var kind in Schema.NodeKinds)
        {
            foreach (var property in kind.Properties.Where(p => p.Default is not null))
            {
                withDefaults++;
                var draft = TestGraph.Of(kind.Code, "n-1") with
                {
                    Properties = new Dictionary<string, JsonElement>(TestGraph.Of(kind.Code, "n-1").Properties!) { [property.Name] = property.Default!.Value },
                };
                Assert.True(validator.ValidateNode(draft).Count == 0, $"default of {kind.Code}.{property.Name} is invalid");
            }
        }
        foreach (var type in Schema.RelationshipTypes)
        {
            var pair = type.Endpoints[0];
            foreach (var property in type.Properties.Where(p => p.Default is not null))
            {
                withDefaults++;
                var draft = TestGraph.Rel(type.Code, "a", "b") with
                {
                    Properties = new Dictionary<string, JsonElement> { [property.Name] = property.Default!.Value },
                };
                var errors = validator.ValidateRelationship(draft, id => id == "a" ? pair.From : pair.To);
                Assert.True(errors.Count == 0, $"default of {type.Code}.{property.Name} is invalid");
            }
        }
        Assert.True(withDefaults >= 5);
    }

    [Fact]
    public void Patterns_are_valid_regular_expressions()
    {
        Assert.All(AllProperties.Where(p => p.Property.Pattern is not null), p => _ = new Regex(p.Property.Pattern!, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Limits_are_coherent()
    {
        Assert.All(AllProperties, p =>
        {
            Assert.True(p.Property.MaxLength is null or > 0, $"{p.Owner}.{p.Property.Name} maxLength");
            Assert.True(p.Property.MaxItems is null or > 0, $"{p.Owner}.{p.Property.Name} maxItems");
            Assert.True(p.Property.Minimum is null || p.Property.Maximum is null || p.Property.Minimum <= p.Property.Maximum, $"{p.Owner}.{p.Property.Name} range");
            Assert.True(p.Property.Minimum is null && p.Property.Maximum is null || p.Property.Type is PropertyType.Integer or PropertyType.Number,
                $"{p.Owner}.{p.Property.Name} has a range but is not a number");
        });
    }

    [Fact]
    public void Region_scope_finds_what_it_needs_in_the_schema()
    {
        Assert.NotNull(Schema.Kind(RegionScope.RegionKind));
        Assert.NotNull(Schema.Kind(RegionScope.MunicipalityKind));
        Assert.NotNull(Schema.Kind(RegionScope.PersonKind));
        Assert.True(Schema.RelationshipType(RegionScope.PartOf)!.Allows(RegionScope.MunicipalityKind, RegionScope.RegionKind));
        Assert.True(Schema.RelationshipType(RegionScope.WorksFor)!.Allows(RegionScope.PersonKind, "Organisation"));
    }

    public static TheoryData<string, string, string> DesignRelationships => new()
    {
        { "WORKS_FOR", "Person", "Organisation" },
        { "MEMBER_OF", "Person", "Platform" },
        { "MEMBER_OF", "Organisation", "Platform" },
        { "PARTY_TO", "Organisation", "Agreement" },
        { "FOLLOWS_UP", "Platform", "Agreement" },
        { "ADDRESSES", "Platform", "Theme" },
        { "ADDRESSES", "Agreement", "Signal" },
        { "ADDRESSES", "Project", "Theme" },
        { "ADDRESSES", "Organisation", "Signal" },
        { "ACTIVE_IN", "Organisation", "Municipality" },
        { "PART_OF", "Municipality", "Region" },
        { "PART_OF", "Organisation", "Organisation" },
        { "COLLABORATES_WITH", "Organisation", "Organisation" },
        { "SUPPLIES", "Organisation", "Organisation" },
        { "FEEDS", "Platform", "Platform" },
        { "ABOUT", "Signal", "Theme" },
        { "RAISED_AT", "Signal", "Meeting" },
        { "OF", "Meeting", "Platform" },
        { "INVITED", "Person", "Meeting" },
        { "ATTENDED", "Person", "Meeting" },
    };

    [Theory]
    [MemberData(nameof(DesignRelationships))]
    public void Relationships_named_in_the_design_are_allowed(string type, string from, string to)
    {
        var definition = Schema.RelationshipType(type);

        Assert.NotNull(definition);
        Assert.True(definition.Allows(from, to));
        if (from != to) Assert.False(definition.Allows(to, from), $"{type} should be directed");
    }

    [Fact]
    public void Schema_serializes_and_reads_back_the_same()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(Schema, options);

        var again = JsonSerializer.Deserialize<GraphSchema>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(again, options));
        Assert.Equal(Schema.NodeKinds.Count, again.NodeKinds.Count);
    }
}
