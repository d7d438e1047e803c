using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace Netwerk.Web.Spreadsheets;

/// <summary>A sheet as the user reads it: unique column headers and the non-empty rows below them, every cell as trimmed text.</summary>
public sealed record SheetTable(string FileName, string Format, IReadOnlyList<string> Columns, IReadOnlyList<SheetRow> Rows, string? Detail);

/// <summary>One row with its number as the spreadsheet shows it (Excel's row number, the CSV line's record number).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>Why a file could not be read as a spreadsheet; the endpoint answers 415 or 422 with <see cref="Code"/>.</summary>
public sealed class SheetFormatException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Reads .xlsx (ClosedXML) and .csv (CsvHelper) into a <see cref="SheetTable"/>. The format is sniffed from the bytes,
/// not the file name. CSV: encoding from the BOM, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what a
/// Flemish Excel writes); delimiter ';', ',' or tab, whichever splits the first lines most consistently. Merged cells
/// carry their value into every cell they cover, empty rows and columns are dropped, and the header row is the first
/// row that looks like one (title rows above it are skipped).
/// </summary>
public static class SheetReader
{
    public const int MaxRows = 20_000;
    public const int MaxColumns = 100;

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SheetTable Read(string fileName, byte[] bytes)
    {
        if (bytes.Length == 0) throw new SheetFormatException("empty-file", "empty");
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) return ReadXlsx(fileName, bytes);
        if (bytes.Length >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
            throw new SheetFormatException("old-excel-format", "xls");
        return ReadCsv(fileName, bytes);
    }

    private static SheetTable ReadXlsx(string fileName, byte[] bytes)
    {
        using (var zip = OpenZip(bytes))
        {
            if (zip?.GetEntry("xl/workbook.xml") is null) throw new SheetFormatException("not-a-spreadsheet", "zip without workbook");
        }
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(bytes));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new SheetFormatException("unreadable-spreadsheet", e.Message);
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault(w => w.Visibility == XLWorksheetVisibility.Visible && !w.IsEmpty())
                ?? workbook.Worksheets.FirstOrDefault() ?? throw new SheetFormatException("empty-file", "no sheet");
            var used = sheet.RangeUsed();
            if (used is null) throw new SheetFormatException("empty-file", "empty sheet");
            var firstRow = used.FirstRow().RowNumber();
            var firstColumn = used.FirstColumn().ColumnNumber();
            var rowCount = used.RowCount();
            var columnCount = used.ColumnCount();
            if (rowCount > MaxRows + 50) throw new SheetFormatException("too-many-rows", rowCount.ToString(CultureInfo.InvariantCulture));
            if (columnCount > MaxColumns) throw new SheetFormatException("too-many-columns", columnCount.ToString(CultureInfo.InvariantCulture));

            var grid = new string[rowCount][];
            for (var r = 0; r < rowCount; r++)
            {
                grid[r] = new string[columnCount];
                for (var c = 0; c < columnCount; c++) grid[r][c] = CellText(sheet.Cell(firstRow + r, firstColumn + c));
            }
            // A merged range shows its value across all of it; the user reads every covered cell as holding it.
            foreach (var merged in sheet.MergedRanges)
            {
                var top = merged.FirstRow().RowNumber() - firstRow;
                var left = merged.FirstColumn().ColumnNumber() - firstColumn;
                if (top < 0 || left < 0 || top >= rowCount || left >= columnCount) continue;
                var value = grid[top][left];
                for (var r = top; r < Math.Min(rowCount, merged.LastRow().RowNumber() - firstRow + 1); r++)
                    for (var c = left; c < Math.Min(columnCount, merged.LastColumn().ColumnNumber() - firstColumn + 1); c++)
                        grid[r][c] = value;
            }
            var rows = grid.Select((cells, i) => new SheetRow(firstRow + i, cells)).ToList();
            return Table(fileName, "xlsx", rows, $"{sheet.Name}");
        }
    }

    private static ZipArchive? OpenZip(byte[] bytes)
    {
        try
        {
            return new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A cell's text the way Excel shows it: dates as dd/MM/yyyy, numbers by their format, formulas by their last result.</summary>
    private static string CellText(IXLCell cell)
    {
        try
        {
            object? value = cell.HasFormula ? cell.CachedValue : cell.Value;
            var text = value switch
            {
                null => "",
                DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                DateTime d => d.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
                bool b => b ? "TRUE" : "FALSE",
                double or int or long or decimal when !cell.HasFormula => cell.GetFormattedString(),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            return Clean(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Clean(cell.GetString());
        }
    }

    private static SheetTable ReadCsv(string fileName, byte[] bytes)
    {
        var (text, encoding) = Decode(bytes);
        if (text.AsSpan(0, Math.Min(text.Length, 8192)).Contains('\0')) throw new SheetFormatException("not-a-spreadsheet", "binary");
        // Excel's "sep=;" first line names the delimiter itself.
        var hint = text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4 ? text[4] : (char?)null;
        if (hint is not null) text = text[(text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? end + 1 : text.Length)..];
        var delimiter = hint?.ToString() ?? DetectDelimiter(text);
        var options = new CsvReaderOptions
        {
            Separator = delimiter[0],
            HasHeader = false,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
        };
        var rows = new List<SheetRow>();
        using var reader = CsvReader.Create(new StringReader(text), options, false);
        while (reader.Read())
        {
            if (rows.Count > MaxRows + 50) throw new SheetFormatException("too-many-rows", rows.Count.ToString(CultureInfo.InvariantCulture));
            if (reader.FieldCount > MaxColumns) throw new SheetFormatException("too-many-columns", reader.FieldCount.ToString(CultureInfo.InvariantCulture));
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = Clean(reader.GetString(i) ?? "");
            rows.Add(new SheetRow((int)reader.LineNumber + (hint is null ? 0 : 1), cells));
        }
        var name = delimiter == "\t" ? "tab" : delimiter;
        return Table(fileName, "csv", rows, $"{encoding}, '{name}'");
    }

    /// <summary>BOM first; then strict UTF-8; else Windows-1252, which every byte sequence is.</summary>
    private static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) return (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), "UTF-8");
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "UTF-16");
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252");
        }
    }

    /// <summary>The delimiter that splits the first lines into the most fields, equally often (quoted text ignored).</summary>
    private static string DetectDelimiter(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(20).ToList();
        var best = ";";
        var bestScore = 0.0;
        foreach (var candidate in new[] { ';', ',', '\t' })
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).ToList();
            if (counts.Count == 0 || counts.Max() == 0) continue;
            var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            // Consistency matters more than the count: "Peeters, An" in a ';' file must not win for ','.
            var score = mode.Key == 0 ? 0 : mode.Count() * 100.0 + mode.Key;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate.ToString();
            }
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == delimiter && !quoted) count++;
        }
        return count;
    }

    /// <summary>Trims, turns non-breaking spaces and line breaks into spaces, collapses runs of spaces.</summary>
    private static string Clean(string text)
    {
        if (text.Length == 0) return text;
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            var c = ch is '\u00A0' or '\u2007' or '\u202F' or '\r' or '\n' or '\t' ? ' ' : ch;
            if (c == ' ')
            {
                space = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c)) continue;
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Drops empty rows and columns, finds the header row, names every column uniquely.</summary>
    private static SheetTable Table(string fileName, string format, List<SheetRow> all, string detail)
    {
        var rows = all.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0) throw new SheetFormatException("empty-file", "no rows");
        var width = rows.Max(r => r.Cells.Count);
        var headerIndex = HeaderRowIndex(rows, width);
        var header = rows[headerIndex];
        var body = rows.Skip(headerIndex + 1).ToList();
        if (body.Count > MaxRows) throw new SheetFormatException("too-many-rows", body.Count.ToString(CultureInfo.InvariantCulture));
        var keep = Enumerable.Range(0, width).Where(c => header.Cell(c).Length > 0 || body.Any(r => r.Cell(c).Length > 0)).ToList();
        var columns = new List<string>();
        foreach (var c in keep)
        {
            var name = header.Cell(c).Length > 0 ? header.Cell(c) : $"Kolom {ColumnLetter(c)}";
            var unique = name;
            for (var n = 2; columns.Contains(unique, StringComparer.OrdinalIgnoreCase); n++) unique = $"{name} ({n})";
            columns.Add(unique);
        }
        var table = body.Select(r => new SheetRow(r.Number, [.. keep.Select(r.Cell)])).ToList();
        return new SheetTable(fileName, format, columns, table, detail);
    }

    /// <summary>
    /// The first of the top rows with the most recognised header names; without any, the first row that is about as wide
    /// as the table and holds no numbers (a title row "Contactlijst 2024" above the table is skipped either way).
    /// </summary>
    private static int HeaderRowIndex(List<SheetRow> rows, int width)
    {
        var top = rows.Take(10).ToList();
        var known = top.Select(r => r.Cells.Count(c => ColumnSuggestions.IsKnownHeader(c))).ToList();
        if (known.Max() > 0) return known.IndexOf(known.Max());
        var widest = top.Max(r => r.Cells.Count(c => c.Length > 0));
        for (var i = 0; i < top.Count; i++)
        {
            var filled = top[i].Cells.Where(c => c.Length > 0).ToList();
            if (filled.Count * 10 >= widest * 6 && filled.Distinct().Count() == filled.Count && filled.All(c => !double.TryParse(c, CultureInfo.InvariantCulture, out _)))
                return i;
        }
        return 0;
    }

    private static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
