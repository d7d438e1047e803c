using System.Text.Json.Serialization;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Spreadsheets;

/// <summary>What a sheet holds: one row per organisation, per person, or per membership of a platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportTarget>))]
public enum ImportTarget
{
    [JsonStringEnumMemberName("organisations")] Organisations,
    [JsonStringEnumMemberName("people")] People,
    [JsonStringEnumMemberName("memberships")] Memberships,
}

/// <summary>A property a column can fill: a schema property of the node kind, or one of the import's own (organisation, municipality, …).</summary>
public sealed record TargetProperty(string Name, LocalizedText Label, bool Required, IReadOnlyList<AllowedValue>? Values = null, bool Schema = true);

/// <summary>The properties each target offers for mapping, built from the schema so a new schema property is mappable at once.</summary>
public static class ImportTargets
{
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Organisation = "organisation";
    public const string Municipality = "municipality";
    public const string Member = "member";
    public const string MemberEmail = "memberEmail";
    public const string Platform = "platform";
    public const string Role = "role";
    public const string ValidFrom = "validFrom";
    public const string ValidUntil = "validUntil";

    public static string KindOf(ImportTarget target) => target == ImportTarget.Organisations ? "Organisation" : "Person";

    public static IReadOnlyList<TargetProperty> Properties(GraphSchema schema, ImportTarget target)
    {
        if (target == ImportTarget.Memberships)
        {
            var role = schema.RelationshipType("MEMBER_OF")?.Property("role");
            return
            [
                new(Member, new("Lid (naam van persoon of organisatie)", "Member (name of person or organisation)"), true, Schema: false),
                new(MemberEmail, new("E-mail van het lid", "Member's e-mail"), false, Schema: false),
                new(Platform, new("Overlegplatform", "Platform"), true, Schema: false),
                new(Role, role?.Label ?? new("Rol", "Role"), false, role?.Values, Schema: false),
                new(ValidFrom, new("Lid vanaf", "Member from"), false, Schema: false),
                new(ValidUntil, new("Lid tot", "Member until"), false, Schema: false),
            ];
        }
        var kind = schema.Kind(KindOf(target))!;
        var list = kind.Properties
            .Where(p => p.Type is not (PropertyType.Text or PropertyType.StringList) || p.Name is "description" or "notes")
            .Select(p => new TargetProperty(p.Name, p.Label, p.Required, p.Values)).ToList();
        if (target == ImportTarget.People)
        {
            list.Insert(1, new(FirstName, new("Voornaam", "First name"), false, Schema: false));
            list.Insert(2, new(LastName, new("Achternaam", "Last name"), false, Schema: false));
            list.Add(new(Organisation, new("Organisatie (werkt voor)", "Organisation (works for)"), false, Schema: false));
            list.Add(new(Municipality, new("Gemeente (om bestaande personen te herkennen)", "Municipality (to recognise existing people)"), false, Schema: false));
        }
        else
        {
            list.Add(new(Municipality, new("Gemeente (actief in)", "Municipality (active in)"), false, Schema: false));
        }
        return list;
    }
}

/// <summary>Column headers people write, in Dutch and English, and the property each suggests per target.</summary>
public static class ColumnSuggestions
{
    private static readonly (string Property, string[] Headers)[] Synonyms =
    [
        ("name", ["naam", "name", "volledige naam", "full name", "contactpersoon", "contact", "persoon", "person", "naam en voornaam", "voornaam en naam"]),
        (ImportTargets.FirstName, ["voornaam", "first name", "firstname", "given name", "roepnaam"]),
        (ImportTargets.LastName, ["achternaam", "familienaam", "last name", "lastname", "surname", "family name"]),
        ("email", ["e mail", "email", "e mailadres", "emailadres", "mail", "mailadres", "e mail adres", "email address", "e mail address"]),
        ("phone", ["telefoon", "tel", "telefoonnummer", "tel nr", "telnr", "phone", "telephone", "gsm", "gsm nummer", "gsm nr", "mobiel", "mobile", "mobile phone", "telefoon gsm"]),
        ("function", ["functie", "function", "job title", "functietitel", "jobtitel", "titel"]),
        (ImportTargets.Organisation, ["organisatie", "organisation", "organization", "werkgever", "employer", "bedrijf", "company", "dienst", "instantie", "organisatie naam", "naam organisatie"]),
        (ImportTargets.Municipality, ["gemeente", "municipality", "stad", "city", "plaats", "woonplaats", "town", "stad gemeente"]),
        ("address", ["adres", "address", "straat", "street", "straat en nummer"]),
        ("website", ["website", "web", "url", "site", "webadres", "webstek"]),
        ("type", ["type", "soort", "type organisatie", "organisatietype"]),
        ("sector", ["sector"]),
        ("description", ["beschrijving", "omschrijving", "description"]),
        ("notes", ["notities", "opmerkingen", "opmerking", "notes", "note", "remarks"]),
        ("preferredLanguage", ["taal", "voorkeurstaal", "language", "preferred language"]),
        ("invitationOptOut", ["geen uitnodigingen", "opt out", "optout", "uitgeschreven", "unsubscribed"]),
        (ImportTargets.Platform, ["platform", "overlegplatform", "overleg", "werkgroep", "stuurgroep", "groep"]),
        (ImportTargets.Role, ["rol", "role", "hoedanigheid"]),
        (ImportTargets.ValidFrom, ["van", "vanaf", "sinds", "from", "since", "lid vanaf", "startdatum", "start"]),
        (ImportTargets.ValidUntil, ["tot", "tot en met", "until", "lid tot", "einddatum", "end", "einde"]),
    ];

    private static readonly Dictionary<string, string> ByHeader = Synonyms
        .SelectMany(s => s.Headers.Select(h => (Header: TextMatching.Fold(h), s.Property)))
        .GroupBy(x => x.Header).ToDictionary(g => g.Key, g => g.First().Property);

    public static bool IsKnownHeader(string header) => ByHeader.ContainsKey(TextMatching.Fold(header));

    /// <summary>Column → property for the headers it recognises, each property at most once (the first column wins).</summary>
    public static Dictionary<string, string> Suggest(IReadOnlyList<string> columns, IReadOnlyList<TargetProperty> properties, ImportTarget target)
    {
        var offered = properties.Select(p => p.Name).ToHashSet();
        var suggestion = new Dictionary<string, string>();
        foreach (var column in columns)
        {
            if (!ByHeader.TryGetValue(TextMatching.Fold(column), out var property)) continue;
            property = (target, property) switch
            {
                (ImportTarget.Organisations, ImportTargets.Organisation) => "name",
                (ImportTarget.Memberships, "name" or ImportTargets.Organisation) => ImportTargets.Member,
                (ImportTarget.Memberships, "email") => ImportTargets.MemberEmail,
                (ImportTarget.Memberships, "function") => ImportTargets.Role,
                _ => property,
            };
            if (offered.Contains(property) && !suggestion.ContainsValue(property)) suggestion[column] = property;
        }
        return suggestion;
    }
}
