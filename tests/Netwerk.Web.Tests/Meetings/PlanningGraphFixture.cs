using System.Net;

namespace Netwerk.Web.Tests.Meetings;

/// <summary>
/// A small werkingsgebied for planning tests. Region W13 with Kortrijk; OCMW Kortrijk (overheid) with An
/// (trajectbegeleider) and Bart (no e-mail); De Schakel (sociale economie) with Cas and Eva (opted out of
/// invitations); WZC Ter Linde (zorg) with Fien, whose address is An's (a duplicate node). Platform ROSE (active in
/// the region) has An as trekker and De Schakel as member; OCMW addresses the theme Taal.
/// </summary>
internal static class PlanningGraphFixture
{
    public const string Region = "region-w13";
    public const string Platform = "platform-rose";
    public const string Theme = "theme-taal";
    public const string Ocmw = "org-ocmw";
    public const string Schakel = "org-schakel";
    public const string Zorg = "org-zorg";
    public const string An = "person-an";
    public const string Bart = "person-bart";
    public const string Cas = "person-cas";
    public const string Eva = "person-eva";
    public const string Fien = "person-fien";

    public static async Task LoadAsync(NetwerkServer server)
    {
        var document = new
        {
            nodes = new object[]
            {
                new { id = Region, kind = "Region", properties = new { name = "W13" } },
                new { id = "mun-kortrijk", kind = "Municipality", properties = new { name = "Kortrijk" } },
                ApiFixtures.Organisation(Ocmw, "OCMW Kortrijk", "ocmw", "overheid"),
                ApiFixtures.Organisation(Schakel, "De Schakel", "maatwerkbedrijf", "sociale-economie"),
                ApiFixtures.Organisation(Zorg, "WZC Ter Linde", "zorgvoorziening", "zorg-welzijn"),
                new { id = An, kind = "Person", properties = new { name = "An Claeys", email = "an@example.org", function = "trajectbegeleider" } },
                new { id = Bart, kind = "Person", properties = new { name = "Bart Declercq" } },
                ApiFixtures.Person(Cas, "Cas Vermeulen", "cas@example.org"),
                new { id = Eva, kind = "Person", properties = new { name = "Eva Maes", email = "eva@example.org", invitationOptOut = true } },
                ApiFixtures.Person(Fien, "Fien Claeys", "AN@example.org"),
                new { id = Platform, kind = "Platform", properties = new { name = "ROSE", type = "overlegtafel", cadencePerYear = 4 } },
                new { id = Theme, kind = "Theme", properties = new { name = "Taal" } },
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("r-mun", "PART_OF", "mun-kortrijk", Region),
                ApiFixtures.Relationship("r-ocmw-in", "ACTIVE_IN", Ocmw, "mun-kortrijk"),
                ApiFixtures.Relationship("r-schakel-in", "ACTIVE_IN", Schakel, "mun-kortrijk"),
                ApiFixtures.Relationship("r-zorg-in", "ACTIVE_IN", Zorg, "mun-kortrijk"),
                ApiFixtures.Relationship("r-rose-in", "ACTIVE_IN", Platform, Region),
                ApiFixtures.Relationship("r-an", "WORKS_FOR", An, Ocmw),
                ApiFixtures.Relationship("r-bart", "WORKS_FOR", Bart, Ocmw),
                ApiFixtures.Relationship("r-cas", "WORKS_FOR", Cas, Schakel),
                ApiFixtures.Relationship("r-eva", "WORKS_FOR", Eva, Schakel),
                ApiFixtures.Relationship("r-fien", "WORKS_FOR", Fien, Zorg),
                ApiFixtures.Relationship("r-an-rose", "MEMBER_OF", An, Platform, new { role = "trekker" }),
                ApiFixtures.Relationship("r-schakel-rose", "MEMBER_OF", Schakel, Platform),
                ApiFixtures.Relationship("r-ocmw-taal", "ADDRESSES", Ocmw, Theme),
            },
        };
        using var response = await server.PostJson("/api/import", document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
