namespace Netwerk.Web.Tests;

/// <summary>Small valid request bodies, so each test states only what it is about.</summary>
internal static class ApiFixtures
{
    public static object Organisation(string? id, string name = "Maatwerkbedrijf De Schakel", string type = "maatwerkbedrijf", string sector = "sociale-economie") =>
        new { id, kind = "Organisation", properties = new { name, type, sector } };

    public static object Person(string id, string name, string email) =>
        new { id, kind = "Person", properties = new { name, email } };

    public static object Platform(string id, string name) =>
        new { id, kind = "Platform", properties = new { name, type = "werkgroep", cadencePerYear = 4 } };

    public static object Relationship(string id, string type, string from, string to, object? properties = null, string? validFrom = null, string? validUntil = null) =>
        new { id, type, from, to, properties = properties ?? new { }, validFrom, validUntil };
}
