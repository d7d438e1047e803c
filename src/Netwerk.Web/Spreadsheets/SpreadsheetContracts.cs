using System.Text.Json;

namespace Netwerk.Web.Spreadsheets;

/// <summary>An uploaded sheet: its columns, the first rows, what each target offers and which column suggests which property.</summary>
public sealed record SpreadsheetUpload(
    string Id, string FileName, string Format, string? Detail, int RowCount, IReadOnlyList<string> Columns,
    IReadOnlyList<SheetRow> Sample, IReadOnlyList<TargetDescription> Targets, DateTimeOffset ExpiresAt);

public sealed record TargetDescription(ImportTarget Target, IReadOnlyList<TargetProperty> Properties, IReadOnlyDictionary<string, string> Suggested);

/// <summary>How to read the sheet (target, column → property) and, for the import, what the user decided per row.</summary>
public sealed record SpreadsheetImportRequest
{
    public ImportTarget Target { get; init; }

    /// <summary>Column header → property name; unmapped columns are ignored.</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Property → value used where a row leaves the property empty (e.g. the sector of every organisation in the sheet).</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    /// <summary>Rows with errors are left out instead of refusing the whole import.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Values in the sheet replace those of matched nodes; by default they only fill in what the node lacks.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Row number → "new" (create a node), "skip" (leave the row out) or the id of the existing node it is.</summary>
    public IReadOnlyDictionary<string, string> Decisions { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the import would do, row by row.</summary>
public sealed record SpreadsheetPreview(ImportTarget Target, PreviewSummary Summary, IReadOnlyList<PreviewRow> Rows);

public sealed record PreviewSummary(int Rows, int New, int Matched, int NeedsDecision, int Errors, int Duplicates, int Skipped);

/// <summary>
/// One row: <see cref="Status"/> is new, matched, needs-decision, duplicate (merged into <see cref="DuplicateOf"/>), error or
/// skipped; <see cref="Values"/> are the properties as they would be stored; <see cref="Links"/> the relationships it makes.
/// </summary>
public sealed record PreviewRow(
    int Row, string Status, string Name, IReadOnlyDictionary<string, JsonElement> Values,
    IReadOnlyList<RowIssue> Errors, IReadOnlyList<RowIssue> Warnings,
    RowMatch? Match, IReadOnlyList<RowCandidate> Candidates, int? DuplicateOf, IReadOnlyList<RowLink> Links);

/// <summary>A problem with a row, naming the column it came from where there is one.</summary>
public sealed record RowIssue(string? Column, string? Property, string Code, string Message);

/// <summary>The existing node a row is, and why: email, name-municipality, name-organisation, name or decision.</summary>
public sealed record RowMatch(string NodeId, string Name, string Reason);

public sealed record RowCandidate(string NodeId, string Kind, string Name, double Score, string? Detail);

public sealed record RowLink(string Type, string Name, string? NodeId);

/// <summary>How far the current import of an upload is: phase reading, matching, writing, done or failed.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>What an import wrote.</summary>
public sealed record SpreadsheetImportResult(
    int NodesCreated, int NodesUpdated, int NodesUnchanged, int RelationshipsCreated, int RelationshipsUpdated,
    int RelationshipsUnchanged, int RowsImported, int RowsSkipped, long LatestSequence, IReadOnlyList<string> CreatedIds);
