using System.Text;
using Microsoft.Data.Sqlite;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Storage.Sqlite;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Storage.Sqlite.Tests;

/// <summary>
/// The proof of "erased without trace" for the SQLite file: after an erasure no byte sequence of the person's name,
/// e-mail, phone or id is left in the database file or its write-ahead log — not in free space, freed pages, the
/// full-text index or old page images — while the store is open and after it is closed.
/// </summary>
public sealed class SqliteErasureTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"netwerk-erasure-{Guid.NewGuid():N}.db");
    private readonly FakeClock _clock = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Byte patterns (matched case-insensitively on ASCII letters) that betray the person.</summary>
    private static readonly string[] Traces =
    [
        ErasureFixture.Name, ErasureFixture.Email, ErasureFixture.PersonId,
        // parts, as the full-text index keeps its terms lower-cased and prefix-compressed, and as JSON may escape "ë"
        "asmus", "tperson", "zoe.eras", "00 00 9",
    ];

    private async Task<SqliteGraphStore> OpenAsync()
    {
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = _path }, GraphSchema.Default, _clock);
        await store.InitializeAsync(Ct);
        return store;
    }

    /// <summary>Enough other data that every table and index spans many pages and the person's rows sit among them.</summary>
    private static async Task WriteBystandersAsync(SqliteGraphStore store, int from)
    {
        var nodes = Enumerable.Range(from, 300)
            .Select(i => TestGraph.Organisation($"org-filler-{i:D4}", name: $"Organisatie nummer {i} vzw").With("description", new string('x', 200)))
            .ToList();
        var relationships = Enumerable.Range(from, 299)
            .Select(i => TestGraph.Rel("COLLABORATES_WITH", $"org-filler-{i:D4}", $"org-filler-{i + 1:D4}", id: $"r-filler-{i:D4}"))
            .ToList();
        await store.ImportAsync(new GraphDocument { Nodes = nodes, Relationships = relationships }, Ct);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_erased_person_leaves_no_bytes_in_the_database_files(bool checkpointedBeforeErasure)
    {
        var store = await OpenAsync();
        await WriteBystandersAsync(store, 0);
        await ErasureFixture.WriteAsync(store, _clock, Ct);
        await WriteBystandersAsync(store, 1000);
        if (checkpointedBeforeErasure)
        {
            // Closing the last connection checkpoints the WAL into the main file and removes it.
            SqliteConnection.ClearAllPools();
            Assert.False(File.Exists(_path + "-wal"));
            store = await OpenAsync();
        }
        Assert.NotEmpty(TracesInFiles()); // the check finds the person before the erasure

        var result = await store.EraseNodeAsync(ErasureFixture.PersonId, Ct);

        Assert.True(result.StorageScrubbed);
        AssertNoTraces("right after the erasure, with the WAL still there (pooled connections hold the file open)");
        await WriteBystandersAsync(store, 2000);
        AssertNoTraces("after later writes");
        SqliteConnection.ClearAllPools();
        AssertNoTraces("after closing");
        Assert.Equal("Organisatie nummer 7 vzw", (await (await OpenAsync()).SearchAsync("nummer 7", 1, Ct))[0].Name);
    }

    [Fact]
    public async Task An_erasure_blocked_from_cleaning_the_WAL_by_a_reader_still_commits_and_the_next_start_cleans_it()
    {
        // An idle connection of its own keeps the file open throughout: other tests clear the process-wide connection
        // pool in parallel, and whichever connection closes last checkpoints the WAL away, which would hide the traces.
        await using var holder = new SqliteConnection($"Data Source={_path};Pooling=False");
        var store = await OpenAsync();
        await ErasureFixture.WriteAsync(store, _clock, Ct);
        holder.Open();
        using (var touch = holder.CreateCommand())
        {
            touch.CommandText = "SELECT count(*) FROM nodes"; // SQLite opens the file at the first statement, not at Open
            touch.ExecuteScalar();
        }
        Node? seen;
        await using (var reader = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            // A long read (an export, another process) holds the snapshot from before the erasure.
            reader.Open();
            using var transaction = reader.BeginTransaction(deferred: true);
            using var read = reader.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT count(*) FROM nodes";
            read.ExecuteScalar();

            var result = await store.EraseNodeAsync(ErasureFixture.PersonId, Ct);

            Assert.False(result.StorageScrubbed);
            seen = await store.GetNodeAsync(ErasureFixture.PersonId, Ct);
        }
        Assert.Null(seen);
        SqliteConnection.ClearAllPools(); // as a test running beside this one may do at any moment
        Assert.NotEmpty(TracesInFiles()); // old page images wait in the WAL

        await store.InitializeAsync(Ct);

        AssertNoTraces("after the next start");
    }

    private void AssertNoTraces(string when)
    {
        var found = TracesInFiles();
        Assert.True(found.Count == 0, $"Traces {when}: {string.Join("; ", found)}");
    }

    /// <summary>"file: trace at offset" for every trace found in the database file and its WAL.</summary>
    private List<string> TracesInFiles()
    {
        var found = new List<string>();
        foreach (var file in new[] { _path, _path + "-wal" })
        {
            if (!File.Exists(file)) continue;
            byte[] bytes;
            // SQLite holds the files open; share them so the read does not interfere.
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }
            var lower = bytes.Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b).ToArray();
            foreach (var trace in Traces)
            {
                var pattern = Encoding.UTF8.GetBytes(trace.ToLowerInvariant());
                var at = lower.AsSpan().IndexOf(pattern);
                if (at >= 0) found.Add($"{Path.GetFileName(file)}: '{trace}' at {at}");
            }
        }
        return found;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless; failing the test for it is not.
            }
        }
    }
}
