using System.Net;

namespace Netwerk.Web.Tests.Access;

/// <summary>Two regions, each with a municipality, an organisation active there and a person working for it.</summary>
internal static class TwoRegions
{
    public const string RegionA = "region-a";
    public const string RegionB = "region-b";
    public const string OrgA = "org-a";
    public const string OrgB = "org-b";
    public const string PersonA = "person-a";
    public const string PersonB = "person-b";

    public static async Task LoadAsync(NetwerkServer server)
    {
        var document = new
        {
            nodes = new object[]
            {
                new { id = RegionA, kind = "Region", properties = new { name = "Regio Alfa" } },
                new { id = RegionB, kind = "Region", properties = new { name = "Regio Beta" } },
                new { id = "municipality-a", kind = "Municipality", properties = new { name = "Alfagem" } },
                new { id = "municipality-b", kind = "Municipality", properties = new { name = "Betagem" } },
                ApiFixtures.Organisation(OrgA, "Alfa Maatwerk"),
                ApiFixtures.Organisation(OrgB, "Beta Maatwerk"),
                ApiFixtures.Person(PersonA, "Anna Alfa", "anna.alfa@example.org"),
                ApiFixtures.Person(PersonB, "Bert Beta", "bert.beta@example.org"),
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("r-ma", "PART_OF", "municipality-a", RegionA),
                ApiFixtures.Relationship("r-mb", "PART_OF", "municipality-b", RegionB),
                ApiFixtures.Relationship("r-oa", "ACTIVE_IN", OrgA, "municipality-a"),
                ApiFixtures.Relationship("r-ob", "ACTIVE_IN", OrgB, "municipality-b"),
                ApiFixtures.Relationship("r-pa", "WORKS_FOR", PersonA, OrgA),
                ApiFixtures.Relationship("r-pb", "WORKS_FOR", PersonB, OrgB),
            },
        };
        using var response = await server.PostJson("/api/import", document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
