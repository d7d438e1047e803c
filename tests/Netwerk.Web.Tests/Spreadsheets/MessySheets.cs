using System.Text;
using ClosedXML.Excel;

namespace Netwerk.Web.Tests.Spreadsheets;

/// <summary>Sheets as people really keep them, built in code so each test shows what is in them.</summary>
internal static class MessySheets
{
    static MessySheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// A contact list of people: a merged title row, a blank row, headers in Dutch, a merged "Organisatie" cell over
    /// two people, accents, phone numbers typed four ways (one stored as a number by Excel), the same person twice (e-mail
    /// in another case), a bad e-mail address, an existing person by e-mail and a near-miss of an existing name.
    /// </summary>
    public static byte[] PeopleXlsx()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Contacten");
        sheet.Cell("A1").Value = "Contactlijst lerend netwerk 2024";
        sheet.Range("A1:F1").Merge();
        string[] headers = ["Naam", "E-mail", "GSM", "Functie", "Organisatie", "Gemeente"];
        for (var i = 0; i < headers.Length; i++) sheet.Cell(3, i + 1).Value = headers[i];
        object?[][] rows =
        [
            ["Éléonore Dufrêne", "eleonore.dufrene@example.org", "0475 12 34 56", "Trajectbegeleider", "Wonderwerk vzw", "Kortrijk"],
            ["Bram Claeys", "bram.claeys@example.org", 475987654d, "jobcoach", null, "Kortrijk"],
            [null, null, null, null, null, null],
            ["Jan Vermeulem", "jan.v@example.org", "056/23.45.67", "Diensthoofd", "Wonderwerk", "Kortrijk"],
            ["Piet Bad", "piet-at-example.org", "+32 (0)9 123 45 67", "Coördinator", "Wonderwerk vzw", "Kortrijk"],
            ["ÉLÉONORE DUFRÊNE", "Eleonore.Dufrene@Example.org", "", "", "Wonderwerk vzw", "Kortrijk"],
            ["An Peeters", "AN.PEETERS@example.org", "0032 56 11 22 33", "Trajectbegeleider", "Wonderwerk vzw", "Kortrijk"],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(4 + r, c + 1);
                switch (rows[r][c])
                {
                    case double d: cell.Value = d; break;
                    case string s: cell.SetValue(s); break;
                }
            }
        }
        // Éléonore and Bram share one merged organisation cell, as a person formats a list.
        sheet.Range("E4:E5").Merge();
        return Save(workbook);
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A CSV as a Flemish Excel saves it: ';' between fields, Windows-1252, CRLF.</summary>
    public static byte[] Cp1252Csv(params string[] lines) =>
        Encoding.GetEncoding(1252).GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static byte[] Utf8Csv(bool bom, params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }
}
