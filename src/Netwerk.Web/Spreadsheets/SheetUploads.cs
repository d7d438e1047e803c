using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// Uploaded sheets, kept in memory for <see cref="Lifetime"/> after their last use and only for the account that
/// uploaded them (another account's id reads as unknown). At most <see cref="MaxUploads"/> at once: the least recently
/// used goes first. One process holds them; behind several instances the wizard needs sticky sessions.
/// </summary>
public sealed class SheetUploads(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);
    public const int MaxUploads = 50;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed class Entry(string id, string owner, SheetTable sheet)
    {
        public string Id { get; } = id;
        public string Owner { get; } = owner;
        public SheetTable Sheet { get; } = sheet;
        public DateTimeOffset LastUsed { get; set; }
        public ImportProgress Progress { get; set; } = new("idle", 0, sheet.Rows.Count);
        private int _importing;

        public bool Importing => Volatile.Read(ref _importing) == 1;

        /// <summary>Claims the upload for one import; false while another import of it runs.</summary>
        public bool TryStartImport() => Interlocked.CompareExchange(ref _importing, 1, 0) == 0;

        public void EndImport() => Volatile.Write(ref _importing, 0);
    }

    public Entry Add(string owner, SheetTable sheet)
    {
        Prune();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var entry = new Entry(id, owner, sheet) { LastUsed = time.GetUtcNow() };
        _entries[id] = entry;
        return entry;
    }

    public Entry? Get(string id, string owner)
    {
        Prune();
        if (!_entries.TryGetValue(id, out var entry) || entry.Owner != owner) return null;
        entry.LastUsed = time.GetUtcNow();
        return entry;
    }

    public DateTimeOffset ExpiresAt(Entry entry) => entry.LastUsed + Lifetime;

    /// <summary>
    /// Drops every upload with a cell that holds one of <paramref name="texts"/> (case ignored): a person being erased
    /// leaves no copy in a sheet waiting to be imported. The uploader uploads again. Returns how many went.
    /// </summary>
    public int ForgetContaining(IReadOnlyCollection<string> texts)
    {
        var wanted = texts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        var dropped = 0;
        foreach (var (id, entry) in _entries)
        {
            var holds = entry.Sheet.Rows.Any(row => row.Cells.Any(cell => wanted.Any(t => cell.Contains(t, StringComparison.OrdinalIgnoreCase))));
            if (holds && _entries.TryRemove(id, out _)) dropped++;
        }
        return dropped;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _entries)
        {
            if (entry.LastUsed + Lifetime < now && !entry.Importing) _entries.TryRemove(id, out _);
        }
        while (_entries.Count >= MaxUploads && _entries.Values.Where(e => !e.Importing).MinBy(e => e.LastUsed) is { } oldest)
            _entries.TryRemove(oldest.Id, out _);
    }
}
