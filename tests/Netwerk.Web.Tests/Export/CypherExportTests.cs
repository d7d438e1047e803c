using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Storage.Neo4j;

namespace Netwerk.Web.Tests.Export;

/// <summary>
/// The Cypher export (GET /api/export?format=cypher, /api/export/cypher and the current view). The script is read back
/// with <see cref="CypherScript"/>, a reader of exactly the Cypher the export writes, and compared with the JSON export.
/// That Neo4j's own parser accepts it is checked by web/e2e/cypher-export.test.mjs.
/// </summary>
public sealed class CypherExportTests(DemoExportServer demo) : IClassFixture<DemoExportServer>
{
    private const string Region = "region-zuid-west-vlaanderen";
    private static readonly string[] OneNode = ["org-w13"];

    private NetwerkServer Server => demo.Server;

    [Theory]
    [InlineData("/api/export?format=cypher")]
    [InlineData("/api/export/cypher")]
    public async Task The_script_creates_exactly_the_nodes_and_relationships_the_store_holds(string path)
    {
        var expected = (await Server.Http.GetFromJsonAsync<GraphDocument>("/api/export", GraphJson.Options))!;
        using var response = await Server.Http.GetAsync(path);
        var script = CypherScript.Read(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-cypher", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^netwerk-alles-\d{4}-\d{2}-\d{2}\.cypher$", response.Content.Headers.ContentDisposition?.FileNameStar);
        // The constraints of cypher/schema.cypher come first, as the store applies them.
        Assert.Equal(CypherStatements.SchemaStatements, script.Statements.Take(CypherStatements.SchemaStatements.Count));
        Assert.All(script.Nodes.GroupBy(n => n.Label).Select(g => g.Count()), n => Assert.InRange(n, 1, int.MaxValue));
        Assert.Equal(expected.Nodes.Count, script.Nodes.Count);
        Assert.Equal(expected.Relationships.Count, script.Relationships.Count);

        var nodes = script.Nodes.ToDictionary(n => (string)n.Properties["id"]!);
        foreach (var node in expected.Nodes)
        {
            var created = nodes[node.Id!];
            Assert.Equal($"GraphNode:{node.Kind}", created.Label);
            AssertSameProperties(node.Properties!, [], created.Properties, node.Id!);
        }
        var relationships = script.Relationships.ToDictionary(r => (string)r.Properties["id"]!);
        foreach (var rel in expected.Relationships)
        {
            var created = relationships[rel.Id!];
            Assert.Equal((rel.Type, rel.From, rel.To), (created.Label, created.From, created.To));
            AssertSameProperties(rel.Properties!, [("validFrom", rel.ValidFrom), ("validUntil", rel.ValidUntil)], created.Properties, rel.Id!);
        }
    }

    /// <summary>The stored properties (plus id and, for a relationship, its dates when set) and nothing else, of the same JSON types.</summary>
    private static void AssertSameProperties(IReadOnlyDictionary<string, JsonElement> stored, (string Name, string? Value)[] dates, Dictionary<string, object?> created, string id)
    {
        var expected = new JsonObject { ["id"] = id };
        foreach (var (name, value) in stored) expected[name] = JsonNode.Parse(value.GetRawText());
        foreach (var (name, value) in dates.Where(d => d.Value is not null)) expected[name] = value;
        var actual = JsonSerializer.SerializeToNode(created);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{id}: expected {expected.ToJsonString()}, created {actual?.ToJsonString()}");
    }

    [Fact]
    public async Task Hostile_text_stays_a_literal_and_reads_back_unchanged()
    {
        string[] names =
        [
            "O'Brien \\ \"x\"",
            "'}); MATCH (n) DETACH DELETE n; //",
            "\"}) MATCH (n) DETACH DELETE n //",
            "regel 1\nregel 2\r\n\tingesprongen \u0001\u001f\u007f \u2028\u2029\u0085 einde",
            "\\u0041 is geen A, \\' geen quote, ` geen backtick, /* geen commentaar */",
            "Café Brûlé – 🎉 ЖЖ 日本",
        ];
        using var server = new NetwerkServer();
        var document = new GraphDocument
        {
            Nodes = [.. names.Select((name, i) => new NodeDraft { Id = $"org-hostile-{i}", Kind = "Organisation", Properties = Props(("name", name), ("description", name), ("type", "maatwerkbedrijf"), ("sector", "sociale-economie")) })],
            Relationships = [new RelationshipDraft { Id = "rel-hostile", Type = "COLLABORATES_WITH", From = "org-hostile-0", To = "org-hostile-1", Properties = Props(("description", names[1])), ValidFrom = "2024-01-01" }],
        };
        using (var imported = await server.PostJson("/api/import", document)) Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        var text = await server.Http.GetStringAsync("/api/export?format=cypher");
        var script = CypherScript.Read(text);

        // One node batch, one relationship batch, after the constraints: no text ended a literal or a statement.
        Assert.Equal(CypherStatements.SchemaStatements.Count + 2, script.Statements.Count);
        var outsideLiterals = Regex.Replace(text, @"'(?:[^'\\\n]|\\.)*'|//[^\n]*", "", RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("DETACH", outsideLiterals, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.DoesNotContain('\r', line));
        for (var i = 0; i < names.Length; i++)
        {
            var node = script.Nodes.Single(n => (string)n.Properties["id"]! == $"org-hostile-{i}");
            Assert.Equal(names[i], node.Properties["name"]);
            Assert.Equal(names[i], node.Properties["description"]);
        }
        Assert.Equal(names[1], script.Relationships.Single().Properties["description"]);
        Assert.Equal("2024-01-01", script.Relationships.Single().Properties["validFrom"]);
        // The exact escaped forms of the brief.
        Assert.Contains(@"name: 'O\'Brien \\ ""x""'", text);
        Assert.Contains(@"name: '\'}); MATCH (n) DETACH DELETE n; //'", text);
        Assert.Contains(@"'regel 1\nregel 2\r\n\tingesprongen \u0001\u001F\u007F \u2028\u2029\u0085 einde'", text);
        Assert.Contains(@"'\\u0041 is geen A, \\\' geen quote", text);
    }

    private static Dictionary<string, JsonElement> Props(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));

    [Fact]
    public async Task The_current_view_and_a_region_export_only_their_part()
    {
        var region = (await Server.Http.GetFromJsonAsync<GraphDocument>($"/api/export?region={Region}", GraphJson.Options))!;
        var shown = region.Nodes.Where(n => n.Kind is "Organisation" or "Platform").Select(n => n.Id!).ToList();
        using var response = await Server.PostJson("/api/export/cypher", new { region = Region, nodes = shown });
        var view = CypherScript.Read(await response.Content.ReadAsStringAsync());
        var whole = CypherScript.Read(await Server.Http.GetStringAsync($"/api/export?format=cypher&region={Region}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("-weergave.cypher", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(shown.Order(StringComparer.Ordinal), view.Nodes.Select(n => (string)n.Properties["id"]!).Order(StringComparer.Ordinal));
        Assert.NotEmpty(view.Relationships);
        Assert.Equal(region.Nodes.Count, whole.Nodes.Count);
        Assert.Equal(region.Relationships.Count, whole.Relationships.Count);
    }

    [Fact]
    public async Task A_viewer_of_one_region_may_export_it_but_not_another_region_nor_the_whole_graph()
    {
        using var viewer = await Server.ClientAs(new RoleGrant(Role.Viewer, Region));
        using var own = await viewer.GetAsync($"/api/export?format=cypher&region={Region}");
        using var other = await viewer.GetAsync("/api/export?format=cypher&region=region-leuven");
        using var whole = await viewer.GetAsync("/api/export/cypher");
        using var view = await viewer.PostAsJsonAsync("/api/export/cypher", new { region = "region-leuven", nodes = OneNode });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, whole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
    }

    [Theory]
    [InlineData("/api/export?format=pdf", HttpStatusCode.BadRequest, "format")]
    [InlineData("/api/export?format=csv", HttpStatusCode.BadRequest, "format")]
    [InlineData("/api/export?format=cypher&asOf=gisteren", HttpStatusCode.BadRequest, "asOf")]
    [InlineData("/api/export?format=cypher&region=region-nergens", HttpStatusCode.NotFound, "region-nergens")]
    [InlineData("/api/export/cypher?region=org-w13", HttpStatusCode.NotFound, "org-w13")]
    public async Task A_bad_request_is_a_problem_not_a_500(string path, HttpStatusCode status, string named)
    {
        using var response = await Server.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Reads the Cypher the export writes — comments, the schema statements, and UNWIND batches of literal maps — back into
/// values, by its own small grammar (strings with every Cypher escape, numbers, booleans, lists, maps with plain or
/// backticked keys). It splits statements on semicolons outside literals and comments, so a literal that "ended early"
/// shows up as an extra statement or a parse error.
/// </summary>
public sealed class CypherScript
{
    public sealed record Created(string Label, string? From, string? To, Dictionary<string, object?> Properties);

    public List<string> Statements { get; } = [];
    public List<Created> Nodes { get; } = [];
    public List<Created> Relationships { get; } = [];

    private static readonly Regex NodeTail = new(@"^ AS row\nCREATE \(n:(?<label>[A-Za-z_:]+)\)\nSET n = row$", RegexOptions.None, TimeSpan.FromSeconds(1));
    private static readonly Regex RelationshipTail = new(
        @"^ AS row\nMATCH \(a:GraphNode \{id: row\.from\}\)\nMATCH \(b:GraphNode \{id: row\.to\}\)\nCREATE \(a\)-\[r:(?<label>[A-Za-z_]+)\]->\(b\)\nSET r = row\.props$",
        RegexOptions.None, TimeSpan.FromSeconds(1));

    private readonly string _text;
    private int _pos;

    private CypherScript(string text) => _text = text;

    public static CypherScript Read(string text)
    {
        var script = new CypherScript(text);
        script.ReadStatements();
        return script;
    }

    private void ReadStatements()
    {
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _text.Length) return;
            var start = _pos;
            if (_text.AsSpan(_pos).StartsWith("UNWIND ", StringComparison.Ordinal))
            {
                _pos += "UNWIND ".Length;
                var rows = (List<object?>)Value()!;
                var tailStart = _pos;
                var tail = _text[tailStart.._text.IndexOf(';', tailStart)];
                _pos = tailStart + tail.Length + 1;
                if (NodeTail.Match(tail) is { Success: true } node)
                {
                    Nodes.AddRange(rows.Select(r => new Created(node.Groups["label"].Value, null, null, (Dictionary<string, object?>)r!)));
                }
                else
                {
                    var rel = RelationshipTail.Match(tail);
                    Assert.True(rel.Success, $"unexpected statement tail: {tail}");
                    Relationships.AddRange(rows.Cast<Dictionary<string, object?>>().Select(r =>
                        new Created(rel.Groups["label"].Value, (string)r["from"]!, (string)r["to"]!, (Dictionary<string, object?>)r["props"]!)));
                }
            }
            else
            {
                // A schema statement: no literals but quoted option names; it ends at the line's semicolon.
                var end = _text.IndexOf(";\n", _pos, StringComparison.Ordinal);
                _pos = end + 1;
            }
            Statements.Add(_text[start.._pos].TrimEnd(';'));
        }
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_pos])) _pos++;
            else if (_text.AsSpan(_pos).StartsWith("//", StringComparison.Ordinal)) _pos = _text.IndexOf('\n', _pos) is var nl and >= 0 ? nl + 1 : _text.Length;
            else return;
        }
    }

    private object? Value()
    {
        SkipSpaceAndComments();
        var c = _text[_pos];
        switch (c)
        {
            case '\'' or '"':
                return String();
            case '[':
                _pos++;
                var list = new List<object?>();
                while (Peek() != ']')
                {
                    list.Add(Value());
                    if (Peek() == ',') _pos++;
                }
                _pos++;
                return list;
            case '{':
                _pos++;
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (Peek() != '}')
                {
                    var key = Key();
                    Assert.Equal(':', Peek());
                    _pos++;
                    Assert.True(map.TryAdd(key, Value()), $"duplicate key {key}");
                    if (Peek() == ',') _pos++;
                }
                _pos++;
                return map;
            default:
                var token = Regex.Match(_text[_pos..Math.Min(_text.Length, _pos + 64)], @"^(true|false|-?\d+(\.\d+)?(E-?\d+)?)", RegexOptions.None, TimeSpan.FromSeconds(1)).Value;
                Assert.True(token.Length > 0, $"no value at {_pos}: {_text[_pos..Math.Min(_text.Length, _pos + 40)]}");
                _pos += token.Length;
                return token switch
                {
                    "true" => true,
                    "false" => false,
                    _ when token.Contains('.') || token.Contains('E') => double.Parse(token, CultureInfo.InvariantCulture),
                    _ => long.Parse(token, CultureInfo.InvariantCulture),
                };
        }
    }

    private char Peek()
    {
        SkipSpaceAndComments();
        return _text[_pos];
    }

    private string Key()
    {
        SkipSpaceAndComments();
        if (_text[_pos] == '`')
        {
            var sb = new StringBuilder();
            for (_pos++; ; _pos++)
            {
                if (_text[_pos] == '`' && _pos + 1 < _text.Length && _text[_pos + 1] == '`') sb.Append(_text[++_pos]);
                else if (_text[_pos] == '`') { _pos++; return sb.ToString(); }
                else sb.Append(_text[_pos]);
            }
        }
        var start = _pos;
        while (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_') _pos++;
        return _text[start.._pos];
    }

    /// <summary>A string literal with Cypher's escapes; a raw line break inside one is refused (the export never writes one).</summary>
    private string String()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            var c = _text[_pos++];
            Assert.False(c is '\n' or '\r', "raw line break in a string literal");
            if (c == quote) return sb.ToString();
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            var e = _text[_pos++];
            switch (e)
            {
                case '\\' or '\'' or '"': sb.Append(e); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _pos += 4;
                    break;
                default: throw new FormatException($"unknown escape \\{e} at {_pos}");
            }
        }
    }
}
