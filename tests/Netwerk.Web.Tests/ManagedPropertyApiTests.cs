using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Tests;

/// <summary>
/// Properties Netwerk keeps itself (an invitation's delivery state, a meeting's invite rules) through the generic node and
/// relationship endpoints: an edit that leaves them out keeps them, one that changes them is refused naming the field.
/// </summary>
public sealed class ManagedPropertyApiTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public ManagedPropertyApiTests()
    {
        foreach (var body in new object[]
                 {
                     ApiFixtures.Person("person-an", "An Peeters", "an.peeters@example.org"),
                     new { id = "meeting-rose", kind = "Meeting", properties = new { title = "ROSE algemene vergadering", type = "overleg", start = "2026-06-20T14:00:00+02:00" } },
                 })
        {
            using var response = _server.PostJson("/api/nodes", body).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    public void Dispose() => _server.Dispose();

    private static async Task<List<(string? Field, string? Code)>> IssuesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return [.. (await NetwerkServer.Json(response)).GetProperty("issues").EnumerateArray()
            .Select(i => (i.GetProperty("field").GetString(), i.GetProperty("code").GetString()))];
    }

    [Fact]
    public async Task An_edit_without_the_delivery_state_keeps_it_and_one_that_changes_it_is_refused()
    {
        using (var refused = await _server.PostJson("/api/relationships",
                   ApiFixtures.Relationship("inv-an", "INVITED", "person-an", "meeting-rose", new { status = "needs-action", delivery = "sent" })))
        {
            Assert.Equal([("properties.delivery", "managed")], await IssuesAsync(refused));
        }
        using (var created = await _server.PostJson("/api/relationships",
                   ApiFixtures.Relationship("inv-an", "INVITED", "person-an", "meeting-rose", new { status = "needs-action" })))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        // The mailer records the delivery through the store, as the invitation jobs do.
        var store = _server.Services.GetRequiredService<IGraphStore>();
        var invited = (await store.GetRelationshipAsync("inv-an", TestContext.Current.CancellationToken))!;
        var sent = await store.UpdateRelationshipAsync("inv-an", new RelationshipDraft
        {
            Type = "INVITED", From = "person-an", To = "meeting-rose",
            Properties = new Dictionary<string, JsonElement>(invited.Properties)
            {
                ["delivery"] = JsonSerializer.SerializeToElement("sent"), ["messageId"] = JsonSerializer.SerializeToElement("<inv-an.1@example.org>"),
            },
        }, invited.Version, TestContext.Current.CancellationToken);

        // An organiser notes a phoned-in answer with the relationship form, which has no delivery fields.
        using (var answered = await _server.Send(HttpMethod.Put, "/api/relationships/inv-an",
                   new { type = "INVITED", from = "person-an", to = "meeting-rose", properties = new { status = "accepted" } }, ifMatch: $"\"{sent.Version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        var kept = await _server.Get<Relationship>("/api/relationships/inv-an");
        Assert.Equal("accepted", kept.Properties["status"].GetString());
        Assert.Equal("sent", kept.Properties["delivery"].GetString());
        Assert.Equal("<inv-an.1@example.org>", kept.Properties["messageId"].GetString());

        // Sending the stored value back is fine; another value is refused and nothing changes.
        using (var same = await _server.Send(HttpMethod.Put, "/api/relationships/inv-an",
                   new { type = "INVITED", from = "person-an", to = "meeting-rose", properties = new { status = "accepted", delivery = "sent" } }, ifMatch: $"\"{kept.Version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }
        var current = await _server.Get<Relationship>("/api/relationships/inv-an");
        using (var changed = await _server.Send(HttpMethod.Put, "/api/relationships/inv-an",
                   new { type = "INVITED", from = "person-an", to = "meeting-rose", properties = new { status = "accepted", delivery = "queued" } }, ifMatch: $"\"{current.Version}\""))
        {
            Assert.Equal([("properties.delivery", "managed")], await IssuesAsync(changed));
        }
        Assert.Equal(current.Version, (await _server.Get<Relationship>("/api/relationships/inv-an")).Version);
    }

    [Fact]
    public async Task A_meeting_edited_as_a_node_keeps_its_invite_rules()
    {
        var store = _server.Services.GetRequiredService<IGraphStore>();
        var meeting = (await store.GetNodeAsync("meeting-rose", TestContext.Current.CancellationToken))!;
        var rules = JsonSerializer.SerializeToElement("{\"any\":[{\"platform\":\"platform-rose\"}]}");
        var withRules = await store.UpdateNodeAsync("meeting-rose", new NodeDraft
        {
            Kind = "Meeting", Properties = new Dictionary<string, JsonElement>(meeting.Properties) { ["inviteRules"] = rules },
        }, meeting.Version, TestContext.Current.CancellationToken);

        using (var renamed = await _server.Send(HttpMethod.Put, "/api/nodes/meeting-rose",
                   new { properties = new { title = "ROSE algemene vergadering (juni)", type = "overleg", start = "2026-06-20T14:00:00+02:00" } }, ifMatch: $"\"{withRules.Version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }
        var node = await _server.Get<Node>("/api/nodes/meeting-rose");
        Assert.Equal("ROSE algemene vergadering (juni)", node.Properties["title"].GetString());
        Assert.True(JsonElement.DeepEquals(rules, node.Properties["inviteRules"]));

        using var refused = await _server.PostJson("/api/nodes",
            new { id = "meeting-x", kind = "Meeting", properties = new { title = "X", type = "overleg", start = "2026-06-20T14:00:00+02:00", sequence = 7 } });
        Assert.Equal([("properties.sequence", "managed")], await IssuesAsync(refused));
    }
}
