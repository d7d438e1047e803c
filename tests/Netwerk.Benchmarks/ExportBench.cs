using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Web.Transfer;

namespace Netwerk.Benchmarks;

/// <summary>
/// How long the GEXF and GraphML writers take for the demo network, a 5,000-node / 20,000-relationship slice of the
/// synthetic Flanders network and the whole of it: the file written to a counting stream, best and median of 7 runs
/// after one warm-up (the HTTP endpoint adds reading the graph from the store, which /api/export already pays).
/// </summary>
internal static class ExportBench
{
    public static async Task<int> Run()
    {
        var schema = GraphSchema.Default;
        var demo = Demo();
        var flanders = new FlandersNetwork().Graph;
        var slice = Slice(flanders, 5_000, 20_000);
        foreach (var (name, graph) in new[] { ("demo network", demo), ("Flanders slice", slice), ("Flanders", flanders) })
        {
            foreach (var (format, write) in new (string, Func<Stream, Task>)[]
            {
                ("GEXF", s => GexfWriter.WriteAsync(s, graph, schema, "nl", new ExportDescription(new DateOnly(2024, 1, 1), name), CancellationToken.None)),
                ("GraphML", s => GraphMlWriter.WriteAsync(s, graph, schema, "nl", new ExportDescription(new DateOnly(2024, 1, 1), name), CancellationToken.None)),
            })
            {
                var times = new List<double>();
                long bytes = 0;
                for (var run = 0; run < 8; run++)
                {
                    var counter = new CountingStream();
                    var watch = Stopwatch.StartNew();
                    await write(counter);
                    watch.Stop();
                    if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds);
                    bytes = counter.Length;
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-15} {graph.Nodes.Count,6:N0} nodes {graph.Relationships.Count,7:N0} rels  {format,-7} {bytes / 1024.0 / 1024.0,6:F1} MB  best {times[0],7:F1} ms  median {times[times.Count / 2],7:F1} ms"));
            }
        }
        return 0;
    }

    private static Subgraph Demo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "DemoData", "demo-network.json");
        var document = JsonSerializer.Deserialize<GraphDocument>(File.ReadAllText(path), GraphJson.Options)!;
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new Subgraph(
            [.. document.Nodes.Select(n => new Node { Id = n.Id!, Kind = n.Kind!, Properties = n.Properties ?? new Dictionary<string, JsonElement>(), Version = 1, CreatedAt = at, UpdatedAt = at })],
            [.. document.Relationships.Select(r => new Relationship
            {
                Id = r.Id!, Type = r.Type!, From = r.From!, To = r.To!, Properties = r.Properties ?? new Dictionary<string, JsonElement>(),
                ValidFrom = GraphDates.ParseOptionalDate(r.ValidFrom), ValidUntil = GraphDates.ParseOptionalDate(r.ValidUntil), Version = 1, CreatedAt = at, UpdatedAt = at,
            })]);
    }

    /// <summary>The first <paramref name="nodes"/> nodes and up to <paramref name="relationships"/> relationships among them.</summary>
    private static Subgraph Slice(Subgraph graph, int nodes, int relationships)
    {
        var kept = graph.Nodes.Take(nodes).ToList();
        var ids = kept.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return new Subgraph(kept, [.. graph.Relationships.Where(r => ids.Contains(r.From) && ids.Contains(r.To)).Take(relationships)]);
    }

    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
