using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Storage.Neo4j;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>
/// The store's side of the conversation with Neo4j, without a Neo4j: <see cref="RecordedNeo4jServer"/> answers in the
/// Query API's documented shape (data.fields/values, errors) with what the statements would return, and the tests check
/// what the store sends (statement files, parameters as the Query API reads plain JSON) and how it maps the answers to
/// the port's results and exceptions. The statements' own behaviour is the contract suite's (Neo4jGraphStoreContractTests).
/// </summary>
public sealed class Neo4jGraphStoreTests : IDisposable
{
    private const string Query = "/db/neo4j/query/v2";
    private const string Stamp = "2025-03-01T09:00:00.0000000+00:00";
    private static readonly string[] Bookmarks = ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"];
    private readonly RecordedNeo4jServer _server = new();
    private readonly FakeClock _clock = new();
    private readonly Neo4jGraphStore _store;

    public Neo4jGraphStoreTests()
    {
        var client = new Neo4jQueryClient(new Neo4jOptions
        {
            Uri = _server.Address, Username = "neo4j", Password = "verysecret", MaxRetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        _store = new Neo4jGraphStore(client, GraphSchema.Default, _clock, new TestActor { Actor = "usr-1" });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_id_taken_is_reported_from_the_constraint_violation_as_a_duplicate_id()
    {
        _server.Answer("POST", Query, "constraint-violation");

        var refusal = await Assert.ThrowsAsync<DuplicateIdException>(() => _store.CreateNodeAsync(TestGraph.Organisation("org-1"), Ct));

        Assert.Equal((ChangeEntity.Node, "org-1"), (refusal.Entity, refusal.Id));
        var sent = Assert.Single(Sent());
        Assert.Equal(CypherStatements.Get("create-node"), sent.GetProperty("statement").GetString());
        var parameters = sent.GetProperty("parameters");
        Assert.Equal("Organisation", parameters.GetProperty("kind").GetString());
        Assert.Equal("usr-1", parameters.GetProperty("actor").GetString());
        var record = parameters.GetProperty("record");
        AssertStorable(record);
        Assert.Equal(("org-1", 1, "Maatwerkbedrijf De Link"), (record.GetProperty("id").GetString(), record.GetProperty("_version").GetInt32(), record.GetProperty("_name").GetString()));
        Assert.Equal("maatwerkbedrijf", record.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_relationship_id_taken_by_any_type_is_a_duplicate_id()
    {
        AnswerItems([TestGraph.Person("p-an"), TestGraph.Organisation("org-a")], []);
        AnswerRows(["duplicate", "dangling", "seq"], Row(true, false, 4));

        var refusal = await Assert.ThrowsAsync<DuplicateIdException>(() => _store.CreateRelationshipAsync(
            TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", validFrom: "2024-01-01", properties: ("function", "trajectbegeleider")), Ct));

        Assert.Equal((ChangeEntity.Relationship, "r-1"), (refusal.Entity, refusal.Id));
        var sent = Sent();
        Assert.Equal(CypherStatements.Get("get-items"), sent[0].GetProperty("statement").GetString());
        Assert.Equal(["p-an", "org-a"], Strings(sent[0].GetProperty("parameters").GetProperty("nodeIds")));
        Assert.Equal(CypherStatements.Get("create-relationship"), sent[1].GetProperty("statement").GetString());
        var parameters = sent[1].GetProperty("parameters");
        Assert.Equal(("WORKS_FOR", "p-an", "org-a"), (parameters.GetProperty("type").GetString(), parameters.GetProperty("from").GetString(), parameters.GetProperty("to").GetString()));
        var record = parameters.GetProperty("record");
        AssertStorable(record);
        Assert.Equal("2024-01-01", record.GetProperty("validFrom").GetString());
        Assert.False(record.TryGetProperty("validUntil", out _), "an open end is no property (Neo4j stores no nulls)");
        Assert.Equal("trajectbegeleider", record.GetProperty("function").GetString());
        var document = JsonSerializer.Deserialize<RelationshipDraft>(record.GetProperty("_document").GetString()!, GraphJson.Options)!;
        Assert.Equal(("r-1", "p-an", "org-a", "2024-01-01"), (document.Id, document.From, document.To, document.ValidFrom));
    }

    [Fact]
    public async Task A_relationship_to_an_unknown_node_is_refused_before_anything_is_written()
    {
        AnswerItems([TestGraph.Person("p-an")], []);

        var refusal = await Assert.ThrowsAsync<GraphValidationException>(
            () => _store.CreateRelationshipAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-gone", id: "r-1"), Ct));

        Assert.Contains(refusal.Errors, e => e.Field == "to" && e.Code == "dangling-endpoint");
        Assert.Single(Sent());
    }

    [Fact]
    public async Task Updating_a_missing_relationship_is_not_found()
    {
        AnswerItems([TestGraph.Person("p-an"), TestGraph.Organisation("org-a")], []);

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(
            () => _store.UpdateRelationshipAsync("r-missing", TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-missing"), 1, Ct));

        Assert.Equal((ChangeEntity.Relationship, "r-missing"), (missing.Entity, missing.Id));
        Assert.Equal(["r-missing"], Strings(Assert.Single(Sent()).GetProperty("parameters").GetProperty("relationshipIds")));
    }

    [Fact]
    public async Task A_relationship_update_replaces_the_whole_record_and_keeps_type_endpoints_and_creation()
    {
        var stored = TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", validFrom: "2024-01-01", validUntil: "2024-12-31", properties: ("role", "trekker"));
        AnswerItems([TestGraph.Person("p-an"), TestGraph.Platform("plat-1")], [stored]);
        AnswerRows(["seq"], Row(9));
        _clock.Advance(TimeSpan.FromHours(2));

        var updated = await _store.UpdateRelationshipAsync("r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", validFrom: "2024-02-01"), 1, Ct);

        Assert.Equal((2L, new DateOnly(2024, 2, 1), (DateOnly?)null, 0), (updated.Version, updated.ValidFrom, updated.ValidUntil, updated.Properties.Count));
        Assert.Equal((Stamp, _clock.GetUtcNow()), (updated.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), updated.UpdatedAt));
        var sent = Sent()[1];
        Assert.Equal(CypherStatements.Get("update-relationship"), sent.GetProperty("statement").GetString());
        var parameters = sent.GetProperty("parameters");
        Assert.Equal(1, parameters.GetProperty("expectedVersion").GetInt32());
        var record = parameters.GetProperty("record");
        AssertStorable(record);
        // SET r = $record: what the record lacks (the end date, the role) is removed from the relationship.
        Assert.Equal(["_createdAt", "_document", "_updatedAt", "_version", "id", "validFrom"], record.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Relationship_queries_send_the_date_as_an_iso_string_and_read_the_page()
    {
        AnswerRows(["total", "items"], Row(1, new[] { Item(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", validFrom: "2024-01-01"), 1) }));

        var page = await _store.FindRelationshipsAsync(new RelationshipQuery { NodeId = "p-an", AsOf = new DateOnly(2024, 6, 30) }, Ct);

        var relationship = Assert.Single(page.Items);
        Assert.Equal(("r-1", "WORKS_FOR", "p-an", "org-a", new DateOnly(2024, 1, 1)), (relationship.Id, relationship.Type, relationship.From, relationship.To, relationship.ValidFrom));
        var parameters = Assert.Single(Sent()).GetProperty("parameters");
        Assert.Equal(CypherStatements.Get("find-relationships"), Assert.Single(Sent()).GetProperty("statement").GetString());
        // Validity is stored as yyyy-MM-dd text, which orders as dates; no typed JSON (Date) is needed.
        Assert.Equal(("2024-06-30", "p-an"), (parameters.GetProperty("asOf").GetString(), parameters.GetProperty("node").GetString()));
        Assert.Equal(JsonValueKind.Null, parameters.GetProperty("type").ValueKind);
    }

    [Fact]
    public async Task A_delete_that_matched_nothing_is_a_version_conflict_when_the_relationship_is_still_there()
    {
        AnswerRows(["seq"]);
        AnswerItems([], [TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1")], version: 3);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => _store.DeleteRelationshipAsync("r-1", 1, Ct));

        Assert.Equal((ChangeEntity.Relationship, "r-1", 1L, 3L), (conflict.Entity, conflict.Id, conflict.ExpectedVersion, conflict.CurrentVersion));
        Assert.Equal(CypherStatements.Get("delete-relationship"), Sent()[0].GetProperty("statement").GetString());
    }

    [Fact]
    public async Task A_delete_that_matched_nothing_is_not_found_when_the_relationship_is_gone()
    {
        AnswerRows(["seq"]);
        AnswerItems([], []);

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => _store.DeleteRelationshipAsync("r-1", 1, Ct));

        Assert.Equal((ChangeEntity.Relationship, "r-1"), (missing.Entity, missing.Id));
    }

    [Fact]
    public async Task Search_sends_the_folded_prefix_query_as_a_parameter_and_keeps_the_servers_order()
    {
        AnswerRows(["id", "kind", "name", "score"], Row("theme-taal", "Theme", "Taal", 2.5), Row("theme-long", "Theme", "Taal op de werkvloer", 1.25));

        var hits = await _store.SearchAsync("Taal!", 10, Ct);

        Assert.Equal([new SearchHit("theme-taal", "Theme", "Taal", 2.5), new SearchHit("theme-long", "Theme", "Taal op de werkvloer", 1.25)], hits);
        var sent = Assert.Single(Sent());
        Assert.Equal(CypherStatements.Get("search"), sent.GetProperty("statement").GetString());
        Assert.Equal("taal*", sent.GetProperty("parameters").GetProperty("match").GetString());
        Assert.Equal(10, sent.GetProperty("parameters").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Search_for_text_without_a_word_asks_nothing()
    {
        Assert.Empty(await _store.SearchAsync(" -- ?? ", 10, Ct));
        Assert.Empty((await _store.FindNodesAsync(new NodeQuery { Text = "!!" }, Ct)).Items);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task Node_query_sends_filter_values_typed_by_the_schema_and_reads_the_page()
    {
        var kortrijk = TestGraph.Municipality("mun-kortrijk").With("population", 77000);
        AnswerRows(["total", "items"], Row(3, new[] { Item(kortrijk, 1) }));

        var page = await _store.FindNodesAsync(new NodeQuery
        {
            Kind = "Municipality", Text = "Kort", PropertyEquals = new Dictionary<string, string> { ["population"] = "77000" }, Offset = 2, Limit = 1,
        }, Ct);

        Assert.Equal((3, 2, 1), (page.Total, page.Offset, page.Limit));
        var node = Assert.Single(page.Items);
        Assert.Equal(("mun-kortrijk", "Municipality", 77000), (node.Id, node.Kind, node.Properties["population"].GetInt32()));
        var parameters = Assert.Single(Sent()).GetProperty("parameters");
        // An integer property is compared as a Neo4j INTEGER: a JSON number, not the text of the query string.
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("equals").GetProperty("population").ValueKind);
        Assert.Equal(("Municipality", "kort*", 2, 1), (parameters.GetProperty("kind").GetString(), parameters.GetProperty("match").GetString(),
            parameters.GetProperty("offset").GetInt32(), parameters.GetProperty("limit").GetInt32()));
    }

    [Fact]
    public async Task Node_query_on_a_property_the_kind_lacks_is_refused_without_asking()
    {
        var refusal = await Assert.ThrowsAsync<GraphValidationException>(() => _store.FindNodesAsync(new NodeQuery
        {
            Kind = "Theme", PropertyEquals = new Dictionary<string, string> { ["population"] = "1" },
        }, Ct));

        Assert.Contains(refusal.Errors, e => e.Code == "unknown-filter");
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task Import_is_one_statement_with_every_planned_item_and_its_place_in_the_feed()
    {
        var stored = TestGraph.Person("p-stored", name: "Bart Claes");
        AnswerItems([stored, TestGraph.Person("p-changed", name: "Oude Naam")], [], version: 2);
        AnswerRows(["ok", "seq"], Row(true, 13));
        var document = new GraphDocument
        {
            Nodes = [TestGraph.Organisation("org-new"), stored, TestGraph.Person("p-changed", name: "Nieuwe Naam")],
            Relationships = [TestGraph.Rel("WORKS_FOR", "p-stored", "org-new", id: "r-1", validFrom: "2024-01-01", properties: ("function", "trajectbegeleider"))],
        };

        var result = await _store.ImportAsync(document, Ct);

        Assert.Equal(new ImportResult(1, 1, 1, 1, 0, 0, 13), result);
        var sent = Sent();
        Assert.Equal(2, sent.Count);
        var read = sent[0].GetProperty("parameters");
        Assert.Equal(["org-new", "p-stored", "p-changed"], Strings(read.GetProperty("nodeIds")));
        Assert.Equal(["r-1"], Strings(read.GetProperty("relationshipIds")));
        Assert.Equal(CypherStatements.Get("import"), sent[1].GetProperty("statement").GetString());
        var write = sent[1].GetProperty("parameters");
        Assert.Equal(["p-changed:2", "p-stored:2"], Strings(write.GetProperty("expectedNodes")).Order(StringComparer.Ordinal));
        Assert.Empty(Strings(write.GetProperty("expectedRelationships")));
        Assert.Equal((3, Stamp, "usr-1"),
            (write.GetProperty("changeCount").GetInt32(), write.GetProperty("at").GetString(), write.GetProperty("actor").GetString()));

        var created = Assert.Single(write.GetProperty("createdNodes").EnumerateArray());
        Assert.Equal((1, "Organisation", "org-new", 1), (created.GetProperty("seq").GetInt32(), created.GetProperty("kind").GetString(),
            created.GetProperty("record").GetProperty("id").GetString(), created.GetProperty("record").GetProperty("_version").GetInt32()));
        var updated = Assert.Single(write.GetProperty("updatedNodes").EnumerateArray());
        Assert.Equal((2, "Person", "p-changed", 3, "Nieuwe Naam"), (updated.GetProperty("seq").GetInt32(), updated.GetProperty("kind").GetString(),
            updated.GetProperty("record").GetProperty("id").GetString(), updated.GetProperty("record").GetProperty("_version").GetInt32(),
            updated.GetProperty("record").GetProperty("name").GetString()));
        var relationship = Assert.Single(write.GetProperty("createdRelationships").EnumerateArray());
        Assert.Equal((3, "WORKS_FOR", "p-stored", "org-new", "2024-01-01"), (relationship.GetProperty("seq").GetInt32(), relationship.GetProperty("type").GetString(),
            relationship.GetProperty("from").GetString(), relationship.GetProperty("to").GetString(), relationship.GetProperty("record").GetProperty("validFrom").GetString()));
        Assert.Empty(write.GetProperty("updatedRelationships").EnumerateArray());
        foreach (var list in new[] { "createdNodes", "updatedNodes", "createdRelationships" })
        {
            foreach (var item in write.GetProperty(list).EnumerateArray()) AssertStorable(item.GetProperty("record"));
        }
    }

    [Fact]
    public async Task An_import_overtaken_by_another_writer_is_planned_again_from_a_fresh_read()
    {
        AnswerItems([], []);
        AnswerRows(["ok", "seq"], Row(false, 4));
        AnswerItems([], []);
        AnswerRows(["ok", "seq"], Row(true, 5));

        var result = await _store.ImportAsync(new GraphDocument { Nodes = [TestGraph.Theme("theme-taal", "Taal")] }, Ct);

        Assert.Equal(new ImportResult(1, 0, 0, 0, 0, 0, 5), result);
        Assert.Equal(
            ["get-items", "import", "get-items", "import"],
            Sent().Select(s => s.GetProperty("statement").GetString() == CypherStatements.Get("import") ? "import" : "get-items"));
    }

    [Fact]
    public async Task An_invalid_import_is_refused_after_the_read_and_nothing_is_sent_to_write()
    {
        AnswerItems([], []);

        var refusal = await Assert.ThrowsAsync<GraphValidationException>(() => _store.ImportAsync(new GraphDocument
        {
            Nodes = [TestGraph.Theme("theme-ok"), TestGraph.Theme("theme-bad", "")],
            Relationships = [TestGraph.Rel("ADDRESSES", "org-nowhere", "theme-ok", id: "r-1")],
        }, Ct));

        Assert.Contains(refusal.Errors, e => (e.Field, e.Code) == ("nodes[1].properties.name", "required"));
        Assert.Contains(refusal.Errors, e => (e.Field, e.Code) == ("relationships[0].from", "dangling-endpoint"));
        Assert.Single(Sent());
    }

    [Fact]
    public async Task Erasing_an_unknown_node_is_not_found()
    {
        AnswerRows(["item"]);

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => _store.EraseNodeAsync("p-nobody", Ct));

        Assert.Equal((ChangeEntity.Node, "p-nobody"), (missing.Entity, missing.Id));
        Assert.Single(Sent());
    }

    [Fact]
    public async Task Erasure_names_the_forms_in_which_the_feed_may_hold_the_id_and_admits_storage_is_not_scrubbed()
    {
        AnswerRows(["item"], Row(Item(TestGraph.Person("p-an"), 2)));
        AnswerRows(["removed", "scrubbed", "seq"], Row(2, 5, 20));

        var result = await _store.EraseNodeAsync("p-an", Ct);

        Assert.Matches("^erased-[0-9a-f]{32}$", result.TombstoneId);
        Assert.Equal((2, 5, 20L, false), (result.RelationshipsRemoved, result.ChangesScrubbed, result.LatestSequence, result.StorageScrubbed));
        var sent = Sent()[1];
        Assert.Equal(CypherStatements.Get("erase-node"), sent.GetProperty("statement").GetString());
        var parameters = sent.GetProperty("parameters");
        string P(string name) => parameters.GetProperty(name).GetString()!;
        Assert.Equal(("p-an", "Person", result.TombstoneId), (P("id"), P("kind"), P("tombstone")));
        Assert.Equal(("\"p-an\"", $"\"{result.TombstoneId}\""), (P("quotedId"), P("quotedTombstone")));
        Assert.Equal(("\\\"p-an\\\"", $"\\\"{result.TombstoneId}\\\""), (P("escapedId"), P("escapedTombstone")));
    }

    [Fact]
    public async Task The_graph_of_a_node_that_is_no_region_is_not_found()
    {
        AnswerRows(["ids"], Row(Array.Empty<string>()));

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => _store.GetGraphAsync(new GraphScope("org-a"), Ct));

        Assert.Equal((ChangeEntity.Node, "org-a"), (missing.Entity, missing.Id));
        var parameters = Assert.Single(Sent()).GetProperty("parameters");
        Assert.Equal(("Region", "Municipality", "PART_OF", "WORKS_FOR"), (parameters.GetProperty("regionKind").GetString(),
            parameters.GetProperty("municipalityKind").GetString(), parameters.GetProperty("partOf").GetString(), parameters.GetProperty("worksFor").GetString()));
    }

    [Fact]
    public async Task A_neighbourhood_does_not_pass_through_or_keep_a_node_that_does_not_exist_yet_on_the_date()
    {
        var person = TestGraph.Person("p-an");
        var later = TestGraph.Meeting("mtg-later", start: "2026-01-10T09:30:00+01:00");
        var organisation = TestGraph.Organisation("org-a");
        var platform = TestGraph.Platform("plat-1");
        AnswerRows(["item"], Row(Item(person, 1)));
        AnswerRows(["item"], Row(Item(later, 1)), Row(Item(organisation, 1)));
        AnswerRows(["item"], Row(Item(platform, 1)), Row(Item(person, 1)));
        AnswerRows(["nodes", "relationships"], Row(
            new[] { Item(person, 1), Item(later, 1), Item(organisation, 1), Item(platform, 1) },
            new[]
            {
                Item(TestGraph.Rel("ATTENDED", "p-an", "mtg-later", id: "r-attended"), 1),
                Item(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-works"), 1),
                Item(TestGraph.Rel("MEMBER_OF", "org-a", "plat-1", id: "r-member"), 1),
            }));

        var graph = await _store.GetNeighbourhoodAsync("p-an", 2, new DateOnly(2025, 6, 1), Ct);

        Assert.Equal(["org-a", "p-an", "plat-1"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(["r-member", "r-works"], graph.Relationships.Select(r => r.Id));
        var sent = Sent();
        Assert.Equal(["p-an"], Strings(sent[1].GetProperty("parameters").GetProperty("ids")));
        Assert.Equal("2025-06-01", sent[1].GetProperty("parameters").GetProperty("asOf").GetString());
        Assert.Equal(["org-a"], Strings(sent[2].GetProperty("parameters").GetProperty("ids")));
        Assert.Equal(["org-a", "p-an", "plat-1"], Strings(sent[3].GetProperty("parameters").GetProperty("ids")).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _store.Dispose();
        _server.Dispose();
    }

    /// <summary>Queues a 202 answer with these columns and rows, shaped as the Query API's plain JSON results.</summary>
    private void AnswerRows(string[] fields, params object?[][] rows) =>
        _server.AnswerWith("POST", Query, JsonSerializer.Serialize(new
        {
            status = 202, headers = new { }, body = new { data = new { fields, values = rows }, bookmarks = Bookmarks },
        }));

    // One row of an answer: fixed arities, because a params object[] would take an array argument for the row itself.
    private static object?[] Row(object? a) => [a];

    private static object?[] Row(object? a, object? b) => [a, b];

    private static object?[] Row(object? a, object? b, object? c) => [a, b, c];

    private static object?[] Row(object? a, object? b, object? c, object? d) => [a, b, c, d];

    /// <summary>Queues get-items' answer: the stored nodes and relationships.</summary>
    private void AnswerItems(NodeDraft[] nodes, RelationshipDraft[] relationships, long version = 1) =>
        AnswerRows(["nodes", "relationships"], Row(nodes.Select(n => Item(n, version)).ToArray(), relationships.Select(r => Item(r, version)).ToArray()));

    /// <summary>A stored item as the statements return it: <c>x {._document, ._version, ._createdAt, ._updatedAt}</c>.</summary>
    private static Dictionary<string, object> Item(object draft, long version) => new()
    {
        ["_document"] = JsonSerializer.Serialize(draft, draft.GetType(), GraphJson.Options),
        ["_version"] = version,
        ["_createdAt"] = Stamp,
        ["_updatedAt"] = Stamp,
    };

    private List<JsonElement> Sent() => [.. _server.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>
    /// What <c>SET x = $record</c> can store: every value a string, number, boolean or a list of one of those (Neo4j has
    /// no null or map properties, and its lists are homogeneous); plain JSON numbers without a fraction become INTEGER.
    /// </summary>
    private static void AssertStorable(JsonElement record)
    {
        foreach (var property in record.EnumerateObject())
        {
            var value = property.Value;
            Assert.True(value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array,
                $"{property.Name} is {value.ValueKind}");
            if (value.ValueKind == JsonValueKind.Array)
            {
                Assert.Single(value.EnumerateArray().Select(e => e.ValueKind is JsonValueKind.True ? JsonValueKind.False : e.ValueKind).Distinct());
            }
        }
    }
}
