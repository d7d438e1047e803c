using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

/// <summary>Every write path (create, update, import) validates against the schema and refuses without side effects.</summary>
public abstract partial class GraphStoreContract
{
    /// <summary>A node draft that breaks the schema in one way, the error it must produce, and whether it only applies to creation.</summary>
    private sealed record InvalidNode(NodeDraft Draft, string Field, string Code, bool CreateOnly = false);

    private sealed record InvalidRelationship(RelationshipDraft Draft, string Field, string Code, bool CreateOnly = false);

    private const string CaseNodeId = "n-1";
    private const string CaseRelationshipId = "r-1";

    private static readonly Dictionary<string, InvalidNode> InvalidNodes = new()
    {
        ["unknown kind"] = new(TestGraph.Node(CaseNodeId, "Company", ("name", "Bakkerij Vandamme")), "kind", "unknown-kind", CreateOnly: true),
        ["missing kind"] = new(TestGraph.Node(CaseNodeId, null, ("name", "Bakkerij Vandamme")), "kind", "required", CreateOnly: true),
        ["bad id"] = new(TestGraph.Organisation("org a"), "id", "bad-id", CreateOnly: true),
        ["missing required property"] = new(TestGraph.Organisation(CaseNodeId).Without("name"), "properties.name", "required"),
        ["blank required property"] = new(TestGraph.Organisation(CaseNodeId, name: "   "), "properties.name", "required"),
        ["wrong property type"] = new(TestGraph.Platform(CaseNodeId).With("cadencePerYear", "vier"), "properties.cadencePerYear", "wrong-type"),
        ["integer above maximum"] = new(TestGraph.Platform(CaseNodeId).With("cadencePerYear", 53), "properties.cadencePerYear", "too-large"),
        ["enum value not allowed"] = new(TestGraph.Organisation(CaseNodeId, type: "bakkerij"), "properties.type", "not-allowed"),
        ["bad email"] = new(TestGraph.Person(CaseNodeId, email: "an.peeters(at)vdab.be"), "properties.email", "bad-email"),
        ["bad url"] = new(TestGraph.Organisation(CaseNodeId).With("website", "www.delink.be"), "properties.website", "bad-url"),
        ["impossible date"] = new(TestGraph.Agreement(CaseNodeId).With("startDate", "2024-02-30"), "properties.startDate", "bad-date"),
        ["date-time without offset"] = new(TestGraph.Meeting(CaseNodeId, start: "2025-03-10T09:30:00"), "properties.start", "bad-datetime"),
        ["end before start"] = new(TestGraph.Agreement(CaseNodeId).With("startDate", "2025-01-01").With("endDate", "2024-12-31"), "properties.endDate", "date-order"),
        ["unknown property"] = new(TestGraph.Organisation(CaseNodeId).With("colour", "rood"), "properties.colour", "unknown-property"),
        ["name too long"] = new(TestGraph.Theme(CaseNodeId, new string('x', 201)), "properties.name", "too-long"),
    };

    private static readonly Dictionary<string, InvalidRelationship> InvalidRelationships = new()
    {
        ["unknown type"] = new(TestGraph.Rel("KNOWS", "p-an", "p-bart", id: CaseRelationshipId), "type", "unknown-type", CreateOnly: true),
        ["missing type"] = new(TestGraph.Rel(null, "p-an", "org-a", id: CaseRelationshipId), "type", "required", CreateOnly: true),
        ["kinds the schema does not join"] = new(TestGraph.Rel("WORKS_FOR", "org-a", "p-an", id: CaseRelationshipId), "type", "endpoint-not-allowed", CreateOnly: true),
        ["dangling to"] = new(TestGraph.Rel("WORKS_FOR", "p-an", "org-missing", id: CaseRelationshipId), "to", "dangling-endpoint", CreateOnly: true),
        ["dangling from"] = new(TestGraph.Rel("MEMBER_OF", "p-ghost", "plat-1", id: CaseRelationshipId), "from", "dangling-endpoint", CreateOnly: true),
        ["missing endpoint"] = new(TestGraph.Rel("WORKS_FOR", "p-an", null, id: CaseRelationshipId), "to", "required", CreateOnly: true),
        ["self-loop"] = new(TestGraph.Rel("COLLABORATES_WITH", "org-a", "org-a", id: CaseRelationshipId), "to", "self-loop", CreateOnly: true),
        ["bad id"] = new(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r 1"), "id", "bad-id", CreateOnly: true),
        ["bad validFrom"] = new(Membership(validFrom: "01/02/2024"), "validFrom", "bad-date"),
        ["impossible validUntil"] = new(Membership(validUntil: "2024-02-30"), "validUntil", "bad-date"),
        ["validUntil before validFrom"] = new(Membership(validFrom: "2024-06-01", validUntil: "2024-05-31"), "validUntil", "date-order"),
        ["property value not allowed"] = new(Membership().With("role", "baas"), "properties.role", "not-allowed"),
        ["property of the wrong type"] = new(Membership().With("role", 3), "properties.role", "wrong-type"),
        ["unknown property"] = new(Membership().With("since", "2020"), "properties.since", "unknown-property"),
    };

    public static TheoryData<string> InvalidNodeCases => new(InvalidNodes.Keys);

    public static TheoryData<string> InvalidNodeUpdateCases => new(InvalidNodes.Where(c => !c.Value.CreateOnly).Select(c => c.Key));

    public static TheoryData<string> InvalidRelationshipCases => new(InvalidRelationships.Keys);

    public static TheoryData<string> InvalidRelationshipUpdateCases =>
        new(InvalidRelationships.Where(c => !c.Value.CreateOnly).Select(c => c.Key));

    private static RelationshipDraft Membership(string? validFrom = null, string? validUntil = null) =>
        TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: CaseRelationshipId, validFrom: validFrom, validUntil: validUntil, ("role", "lid"));

    /// <summary>The nodes the relationship cases refer to.</summary>
    private Task CreateRelationshipCaseNodesAsync() => CreateAllAsync(
        TestGraph.Person("p-an", name: "An Peeters"),
        TestGraph.Person("p-bart", name: "Bart Claeys"),
        TestGraph.Organisation("org-a", name: "Maatwerkbedrijf De Link"),
        TestGraph.Organisation("org-b", name: "OCMW Kortrijk", type: "ocmw", sector: "overheid"),
        TestGraph.Platform("plat-1", name: "Actiegroep ROSE", type: "actiegroep"));

    [Theory]
    [MemberData(nameof(InvalidNodeCases), MemberType = typeof(GraphStoreContract))]
    public async Task Creating_an_invalid_node_is_refused_with_the_field_and_code(string @case)
    {
        var invalid = InvalidNodes[@case];
        await CreateAsync(TestGraph.Theme("theme-taal", "Taal"));

        await AssertRefusedAsync(() => CreateAsync(invalid.Draft), (invalid.Field, invalid.Code));

        if (invalid.Draft.Id is { } id) Assert.Null(await Store.GetNodeAsync(id, Ct));
    }

    [Theory]
    [MemberData(nameof(InvalidNodeUpdateCases), MemberType = typeof(GraphStoreContract))]
    public async Task Updating_a_node_with_invalid_data_is_refused_and_the_node_is_unchanged(string @case)
    {
        var invalid = InvalidNodes[@case];
        var original = await CreateAsync(TestGraph.Of(invalid.Draft.Kind!, CaseNodeId));

        await AssertRefusedAsync(() => Store.UpdateNodeAsync(CaseNodeId, invalid.Draft, 1, Ct), (invalid.Field, invalid.Code));

        var stored = await RequireNodeAsync(CaseNodeId);
        Assert.Equal(1, stored.Version);
        Assert.Equal(original.UpdatedAt, stored.UpdatedAt);
        AssertSameProperties(original.Properties, stored.Properties);
    }

    [Theory]
    [MemberData(nameof(InvalidNodeCases), MemberType = typeof(GraphStoreContract))]
    public async Task Importing_an_invalid_node_is_refused_with_its_path(string @case)
    {
        var invalid = InvalidNodes[@case];
        var document = new GraphDocument { Nodes = [TestGraph.Theme("theme-taal", "Taal"), invalid.Draft] };

        await AssertRefusedAsync(() => Store.ImportAsync(document, Ct), ($"nodes[1].{invalid.Field}", invalid.Code));

        Assert.Null(await Store.GetNodeAsync("theme-taal", Ct));
    }

    [Theory]
    [MemberData(nameof(InvalidRelationshipCases), MemberType = typeof(GraphStoreContract))]
    public async Task Creating_an_invalid_relationship_is_refused_with_the_field_and_code(string @case)
    {
        var invalid = InvalidRelationships[@case];
        await CreateRelationshipCaseNodesAsync();

        await AssertRefusedAsync(() => LinkAsync(invalid.Draft), (invalid.Field, invalid.Code));

        Assert.Null(await Store.GetRelationshipAsync(CaseRelationshipId, Ct));
    }

    [Theory]
    [MemberData(nameof(InvalidRelationshipUpdateCases), MemberType = typeof(GraphStoreContract))]
    public async Task Updating_a_relationship_with_invalid_data_is_refused_and_it_is_unchanged(string @case)
    {
        var invalid = InvalidRelationships[@case];
        await CreateRelationshipCaseNodesAsync();
        var original = await LinkAsync(Membership(validFrom: "2024-01-01"));

        await AssertRefusedAsync(() => Store.UpdateRelationshipAsync(CaseRelationshipId, invalid.Draft, 1, Ct), (invalid.Field, invalid.Code));

        var stored = await RequireRelationshipAsync(CaseRelationshipId);
        Assert.Equal(1, stored.Version);
        Assert.Equal(Day("2024-01-01"), stored.ValidFrom);
        Assert.Null(stored.ValidUntil);
        AssertSameProperties(original.Properties, stored.Properties);
    }

    [Theory]
    [MemberData(nameof(InvalidRelationshipCases), MemberType = typeof(GraphStoreContract))]
    public async Task Importing_an_invalid_relationship_is_refused_with_its_path(string @case)
    {
        var invalid = InvalidRelationships[@case];
        await CreateRelationshipCaseNodesAsync();
        var document = new GraphDocument
        {
            Nodes = [TestGraph.Theme("theme-taal", "Taal")],
            Relationships = [invalid.Draft, TestGraph.Rel("WORKS_FOR", "p-bart", "org-b", id: "r-ok")],
        };

        await AssertRefusedAsync(() => Store.ImportAsync(document, Ct), ($"relationships[0].{invalid.Field}", invalid.Code));

        Assert.Null(await Store.GetNodeAsync("theme-taal", Ct));
        Assert.Null(await Store.GetRelationshipAsync("r-ok", Ct));
    }
}
