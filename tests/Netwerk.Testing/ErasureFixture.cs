using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Testing;

/// <summary>
/// A person to erase, with a past: an earlier life under the same id (created, linked, deleted by cascade, created
/// again), updates, relationships to an organisation, a platform and a meeting (one of them with an id made from the
/// person's id, one updated, one already deleted), an import, and bystanders who change before and after.
/// Shared by the contract's erasure tests and store tests that look at the store's files.
/// </summary>
public static class ErasureFixture
{
    public const string PersonId = "p-zoe-erasmus";
    public const string Name = "Zoë Erasmus-Testperson";
    public const string Email = "zoe.erasmus@example.org";

    /// <summary>What must not be found anywhere once the person is erased: the id, the name (also in part) and the e-mail.</summary>
    public static readonly IReadOnlyList<string> Traces = [PersonId, Name, Email, "Erasmus", "Testperson", "zoe.erasmus"];

    /// <summary>Relationships touching the person when it is erased.</summary>
    public static readonly IReadOnlyList<string> LiveRelationshipIds = ["r-zoe-link", $"{PersonId}-member-plat-1", "r-zoe-invited"];

    /// <summary>Nodes and relationships that must come through the erasure as they were.</summary>
    public static readonly IReadOnlyList<string> BystanderNodeIds = ["org-a", "plat-1", "plat-2", "mtg-1", "p-an"];

    public static NodeDraft Person(string phone = "+32 56 00 00 99") =>
        TestGraph.Person(PersonId, Name, Email, function: "trajectbegeleider").With("phone", phone).With("notes", $"Bereikbaar via {Email}.");

    public static async Task WriteAsync(IGraphStore store, FakeClock clock, CancellationToken ct)
    {
        await store.CreateNodeAsync(TestGraph.Organisation("org-a", name: "Maatwerkbedrijf De Link"), ct);
        await store.CreateNodeAsync(TestGraph.Platform("plat-1"), ct);
        await store.CreateNodeAsync(TestGraph.Platform("plat-2", name: "Actiegroep ROSE", type: "actiegroep"), ct);
        await store.CreateNodeAsync(TestGraph.Meeting("mtg-1"), ct);
        await store.CreateNodeAsync(TestGraph.Person("p-an", name: "An Peeters", email: "an.peeters@example.org"), ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-an-link", properties: ("function", "jobcoach")), ct);

        await store.CreateNodeAsync(TestGraph.Person(PersonId, Name, Email), ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("MEMBER_OF", PersonId, "plat-2", id: "r-zoe-rose", properties: ("role", "lid")), ct);
        await store.DeleteNodeAsync(PersonId, 1, ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        await store.CreateNodeAsync(Person(), ct);
        await store.UpdateNodeAsync(PersonId, Person(phone: "+32 56 00 00 98"), 1, ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("WORKS_FOR", PersonId, "org-a", id: "r-zoe-link", properties: ("function", "trajectbegeleider")), ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("MEMBER_OF", PersonId, "plat-1", id: $"{PersonId}-member-plat-1", properties: ("role", "trekker")), ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("INVITED", PersonId, "mtg-1", id: "r-zoe-invited", properties: ("status", "needs-action")), ct);
        await store.UpdateRelationshipAsync("r-zoe-invited", TestGraph.Rel("INVITED", PersonId, "mtg-1", id: "r-zoe-invited", properties: ("status", "accepted")), 1, ct);
        await store.CreateRelationshipAsync(TestGraph.Rel("ATTENDED", PersonId, "mtg-1", id: "r-zoe-attended"), ct);
        await store.DeleteRelationshipAsync("r-zoe-attended", 1, ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        await store.ImportAsync(new GraphDocument
        {
            Nodes = [Person(phone: "+32 56 00 00 97"), TestGraph.Theme("theme-taal", "Taal")],
            Relationships = [TestGraph.Rel("MEMBER_OF", PersonId, "plat-1", id: $"{PersonId}-member-plat-1", properties: ("role", "lid"))],
        }, ct);
        await store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "De Link vzw"), 1, ct);
        clock.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>Whether a change is about the person or one of its relationships, as the feed stands before the erasure.</summary>
    public static bool IsAboutThePerson(Change change) =>
        change.Entity == ChangeEntity.Node ? change.Id == PersonId : change.From == PersonId || change.To == PersonId;
}
