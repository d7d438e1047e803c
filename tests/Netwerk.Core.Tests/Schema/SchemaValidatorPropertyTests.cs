using System.Globalization;
using System.Text.Json;
using CsCheck;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Xunit;

namespace Netwerk.Core.Tests.Schema;

/// <summary>
/// Property-based checks: drafts generated from the schema itself (its kinds, types, enum values and limits) validate
/// clean, and breaking one limit of one property is reported at exactly that property.
/// </summary>
public sealed class SchemaValidatorPropertyTests
{
    private static readonly GraphSchema Schema = GraphSchema.Default;
    private static readonly SchemaValidator Validator = new(Schema);

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Text = Letters + " -'.,&éèëöüçÉÖ–«»\"\n🙂";

    private static Gen<string> Word(int min, int max) => Gen.Char[Letters].Array[min, max].Select(a => new string(a));

    /// <summary>Text that is not blank (required properties refuse blank text), up to <paramref name="max"/> UTF-16 units.</summary>
    private static Gen<string> Sentence(int max) =>
        Gen.Select(Gen.Char[Letters], Gen.Char[Text].Array[0, Math.Min(max, 60) - 1], (first, rest) => first + new string(rest))
            .Select(s => s.Length > max ? s[..max] : s)
            .Where(s => !char.IsHighSurrogate(s[^1]));

    private static readonly Dictionary<string, Gen<string>> PatternValues = new()
    {
        ["^[0-9]{5}$"] = Gen.Char["0123456789"].Array[5].Select(a => new string(a)),
    };

    private static Gen<JsonElement> ValidValue(PropertyDefinition property) => property.Type switch
    {
        PropertyType.String when property.Pattern is { } pattern => PatternValues[pattern].Select(Json),
        PropertyType.String => Sentence(property.MaxLength ?? 200).Select(Json),
        PropertyType.Text => Sentence(property.MaxLength ?? 10_000).Select(Json),
        PropertyType.Integer => Gen.Long[(long)(property.Minimum ?? -1_000_000), (long)(property.Maximum ?? 1_000_000)].Select(Json),
        PropertyType.Number => Gen.Double[property.Minimum ?? -1e6, property.Maximum ?? 1e6].Select(Json),
        PropertyType.Boolean => Gen.Bool.Select(Json),
        PropertyType.Date => Gen.Int[0, 365 * 150].Select(d => new DateOnly(1950, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Select(Json),
        PropertyType.DateTime => Gen.Select(Gen.Long[0, 60L * 60 * 24 * 365 * 100], Gen.Int[-12 * 4, 14 * 4],
                (seconds, quarters) => new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds).ToOffset(TimeSpan.FromMinutes(quarters * 15)))
            .Select(t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Select(Json),
        PropertyType.Email => Gen.Select(Word(1, 20), Word(1, 20), Gen.OneOf("be", "com", "vlaanderen"), (local, domain, tld) => $"{local}@{domain}.{tld}").Select(Json),
        PropertyType.Url => Gen.Select(Gen.OneOf("http", "https"), Word(1, 30), Word(0, 20), (scheme, host, path) => $"{scheme}://{host}.be/{path}").Select(Json),
        PropertyType.Phone => Gen.Select(Gen.OneOf("+32 ", "0"), Gen.Char["0123456789"].Array[8, 10], (prefix, digits) => prefix + new string(digits)).Select(Json),
        PropertyType.Enum => Gen.OneOf(property.Values!.Select(v => v.Value).ToArray()).Select(Json),
        PropertyType.StringList => Sentence(property.MaxLength ?? 500).Array[0, Math.Min(property.MaxItems ?? 20, 8)].Select(Json),
        _ => throw new ArgumentOutOfRangeException(nameof(property), property.Type, "no generator for this property type"),
    };

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>A valid draft of a kind: every required property, each optional one half of the time, date pairs in order.</summary>
    private static Gen<NodeDraft> ValidDraft(NodeKindDefinition kind) =>
        Sequence(kind.Properties.Select(p => p.Required
                ? ValidValue(p).Select(v => (p.Name, (JsonElement?)v))
                : Gen.Bool.SelectMany(present => present ? ValidValue(p).Select(v => (p.Name, (JsonElement?)v)) : Gen.Const((p.Name, (JsonElement?)null)))))
        .Select(values => new NodeDraft
        {
            Kind = kind.Code,
            Properties = InOrder(kind, values.Where(v => v.Item2 is not null).ToDictionary(v => v.Name, v => v.Item2!.Value)),
        });

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<IReadOnlyList<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const<IReadOnlyList<T>>([]), (all, next) => Gen.Select(all, next, (list, item) => (IReadOnlyList<T>)[.. list, item]));

    /// <summary>Swaps the values of a date-order pair that came out the wrong way round.</summary>
    private static Dictionary<string, JsonElement> InOrder(NodeKindDefinition kind, Dictionary<string, JsonElement> properties)
    {
        foreach (var pair in kind.DateOrder)
        {
            if (properties.TryGetValue(pair[0], out var first) && properties.TryGetValue(pair[1], out var second)
                && Instant(first.GetString()!) > Instant(second.GetString()!))
            {
                (properties[pair[0]], properties[pair[1]]) = (second, first);
            }
        }
        return properties;
    }

    private static DateTimeOffset Instant(string text) =>
        GraphDates.TryParseDate(text, out var date) ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static readonly Gen<NodeKindDefinition> AnyKind = Gen.OneOf(Schema.NodeKinds.ToArray());

    private static string Show(NodeDraft draft) => $"{draft.Kind} {JsonSerializer.Serialize(draft.Properties)}";

    [Fact]
    public void Any_draft_generated_from_the_schema_is_valid()
    {
        AnyKind.SelectMany(ValidDraft).Sample(
            draft => Assert.True(Validator.ValidateNode(draft).Count == 0, string.Join(", ", Validator.ValidateNode(draft).Select(e => $"{e.Field}: {e.Code}"))),
            iter: 2_000, print: Show);
    }

    [Fact]
    public void Any_valid_organisation_with_any_of_its_types_and_sectors_is_valid()
    {
        var organisation = Schema.Kind("Organisation")!;

        ValidDraft(organisation).Sample(draft => Validator.ValidateNode(draft).Count == 0, iter: 1_000, print: Show);
    }

    /// <summary>Every string-like property (string, text, stringList item) with the length limit that applies to it.</summary>
    private static readonly (NodeKindDefinition Kind, PropertyDefinition Property, int Limit)[] LimitedProperties =
        Schema.NodeKinds.SelectMany(k => k.Properties
            .Where(p => p.Type is PropertyType.String or PropertyType.Text or PropertyType.StringList && p.Pattern is null)
            .Select(p => (k, p, p.MaxLength ?? p.Type switch { PropertyType.Text => 10_000, PropertyType.StringList => 500, _ => 200 })))
        .ToArray();

    [Fact]
    public void Any_string_longer_than_its_limit_is_refused_at_that_property()
    {
        Assert.Equal(Schema.NodeKinds.Count, LimitedProperties.Select(l => l.Kind.Code).Distinct().Count());

        var gen =
            from limited in Gen.OneOf(LimitedProperties)
            from draft in ValidDraft(limited.Kind)
            from excess in Gen.Int[1, 300]
            from fill in Gen.Char[Letters]
            select (limited, draft, tooLong: new string(fill, limited.Limit + excess));

        gen.Sample(t =>
        {
            var value = t.limited.Property.Type == PropertyType.StringList ? Json(new[] { "kort", t.tooLong }) : Json(t.tooLong);
            var draft = t.draft with { Properties = new Dictionary<string, JsonElement>(t.draft.Properties!) { [t.limited.Property.Name] = value } };
            var error = Assert.Single(Validator.ValidateNode(draft));
            Assert.Equal(($"properties.{t.limited.Property.Name}", "too-long"), (error.Field, error.Code));
            Assert.Equal([t.limited.Limit.ToString(CultureInfo.InvariantCulture)], error.Args);
        }, iter: 500, print: t => $"{t.limited.Kind.Code}.{t.limited.Property.Name} + {t.tooLong.Length - t.limited.Limit}");
    }

    [Fact]
    public void Any_integer_outside_its_range_is_refused_with_the_bound_it_breaks()
    {
        var bounded = Schema.NodeKinds.SelectMany(k => k.Properties.Where(p => p.Type == PropertyType.Integer).Select(p => (Kind: k, Property: p))).ToArray();
        Assert.NotEmpty(bounded);

        var gen =
            from b in Gen.OneOf(bounded)
            from draft in ValidDraft(b.Kind)
            from below in Gen.Bool
            from distance in Gen.Long[1, 1_000_000_000]
            where below ? b.Property.Minimum is not null : b.Property.Maximum is not null
            select (b, draft, below, value: below ? (long)b.Property.Minimum!.Value - distance : (long)b.Property.Maximum!.Value + distance);

        gen.Sample(t =>
        {
            var draft = t.draft with { Properties = new Dictionary<string, JsonElement>(t.draft.Properties!) { [t.b.Property.Name] = Json(t.value) } };
            var error = Assert.Single(Validator.ValidateNode(draft));
            Assert.Equal(($"properties.{t.b.Property.Name}", t.below ? "too-small" : "too-large"), (error.Field, error.Code));
        }, iter: 500, print: t => $"{t.b.Kind.Code}.{t.b.Property.Name} = {t.value}");
    }

    [Fact]
    public void Any_value_outside_an_enum_is_refused_at_that_property()
    {
        var enums = Schema.NodeKinds.SelectMany(k => k.Properties.Where(p => p.Type == PropertyType.Enum).Select(p => (Kind: k, Property: p))).ToArray();

        var gen =
            from e in Gen.OneOf(enums)
            from draft in ValidDraft(e.Kind)
            from value in Word(1, 30)
            where e.Property.Values!.All(v => v.Value != value)
            select (e, draft, value);

        gen.Sample(t =>
        {
            var draft = t.draft with { Properties = new Dictionary<string, JsonElement>(t.draft.Properties!) { [t.e.Property.Name] = Json(t.value) } };
            var error = Assert.Single(Validator.ValidateNode(draft));
            Assert.Equal(($"properties.{t.e.Property.Name}", "not-allowed"), (error.Field, error.Code));
        }, iter: 500, print: t => $"{t.e.Kind.Code}.{t.e.Property.Name} = {t.value}");
    }
}
