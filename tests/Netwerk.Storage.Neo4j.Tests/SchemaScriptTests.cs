using System.Text.RegularExpressions;
using Netwerk.Core.Schema;
using Netwerk.Storage.Neo4j;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>cypher/schema.cypher stays in step with the schema: a node kind or relationship type added without its constraint fails here.</summary>
public sealed partial class SchemaScriptTests
{
    private static readonly GraphSchema Schema = GraphSchema.Default;

    [Fact]
    public void Every_node_kind_has_a_unique_id_constraint_and_no_other_label_does()
    {
        var expected = Schema.NodeKinds.Select(k => k.Code).Append("GraphNode").Order(StringComparer.Ordinal).ToList();
        var actual = NodeIdConstraint().Matches(CypherStatements.SchemaScript).Select(m => m.Groups["label"].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_relationship_type_has_a_unique_id_constraint()
    {
        var expected = Schema.RelationshipTypes.Select(t => t.Code).Order(StringComparer.Ordinal).ToList();
        var actual = RelationshipIdConstraint().Matches(CypherStatements.SchemaScript).Select(m => m.Groups["type"].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_full_text_index_covers_every_kind_and_its_name_property()
    {
        var match = FullTextIndex().Match(CypherStatements.SchemaScript);
        Assert.True(match.Success, "schema.cypher has no full-text index node_names.");
        Assert.Equal(
            Schema.NodeKinds.Select(k => k.Code).Order(StringComparer.Ordinal),
            match.Groups["labels"].Value.Split('|').Order(StringComparer.Ordinal));
        var properties = match.Groups["properties"].Value.Split(',', StringSplitOptions.TrimEntries).Select(p => p["n.".Length..]).ToHashSet();
        Assert.All(Schema.NodeKinds, k => Assert.Contains(k.NameProperty, properties));
    }

    [Fact]
    public void The_change_feed_has_its_sequence_constraints()
    {
        var statements = CypherStatements.SchemaStatements;
        Assert.Contains(statements, s => s.Contains("FOR (c:Change) REQUIRE c.seq IS UNIQUE", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("FOR (s:Sequence) REQUIRE s.name IS UNIQUE", StringComparison.Ordinal));
        Assert.All(statements, s => Assert.Contains("IF NOT EXISTS", s, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"FOR \(n:(?<label>\w+)\) REQUIRE n\.id IS UNIQUE")]
    private static partial Regex NodeIdConstraint();

    [GeneratedRegex(@"FOR \(\)-\[r:(?<type>\w+)\]-\(\) REQUIRE r\.id IS UNIQUE")]
    private static partial Regex RelationshipIdConstraint();

    [GeneratedRegex(@"CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR \(n:(?<labels>[\w|]+)\) ON EACH \[(?<properties>[^\]]+)\]")]
    private static partial Regex FullTextIndex();
}
