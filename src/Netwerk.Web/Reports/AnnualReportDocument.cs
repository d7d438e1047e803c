using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Reports;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Reports;

/// <summary>
/// Writes the annual report as a Word document a regisseur edits further: Dutch, with Word's own styles (Title,
/// Heading 1–2, Table Grid) so the navigation pane, a table of contents and restyling work as in any document; per
/// policy priority a heading, a sentence per platform in the words of W13's own report ("kwam 6 keer samen: 3 keer met
/// VDAB, 3 keer zonder"), and tables of the figures. Every name is written as text (Open XML escapes it).
/// </summary>
public static class AnnualReportDocument
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    public static byte[] Write(AnnualReport report, string partnerLabel, DateOnly today)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = $"Jaarverslag {report.Year} {report.RegionName}".Trim();
            document.PackageProperties.Language = "nl-BE";
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var body = new Body();
            main.Document = new Document(body);
            new Writer(body, report, partnerLabel, today).WriteAll();
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private sealed class Writer(Body body, AnnualReport report, string partner, DateOnly today)
    {
        private static readonly NodeKindDefinition PlatformKind = GraphSchema.Default.NodeKinds.First(k => k.Code == "Platform");
        private static readonly NodeKindDefinition MeetingKind = GraphSchema.Default.NodeKinds.First(k => k.Code == "Meeting");
        private static readonly NodeKindDefinition AgreementKind = GraphSchema.Default.NodeKinds.First(k => k.Code == "Agreement");

        public void WriteAll()
        {
            var t = report.Totals;
            Paragraph("Title", $"Jaarverslag {report.Year}");
            Paragraph("Subtitle", $"Regierol sociale economie en werk{(report.RegionName is { } r ? " — " + r : "")}");
            Paragraph(null, $"Opgemaakt met Netwerk op {LongDate(today)}. De cijfers komen uit de netwerkkaart van het werkingsgebied; "
                + "vul per actie aan wat de rol van de regie was en wat het resultaat was.");

            Paragraph("Heading1", "Kerncijfers");
            Table(["Cijfer", "Aantal"],
            [
                ["Bijeenkomsten gehouden", N(t.MeetingsHeld)],
                ["Bijeenkomsten nog gepland", N(t.MeetingsPlanned)],
                ["Aanwezigen (opgeteld)", N(t.Attendance)],
                ["Verschillende personen aanwezig", N(t.People)],
                ["Organisaties bereikt", N(t.Organisations)],
                ["Gemeenten bereikt", t.MunicipalitiesInRegion > 0 ? $"{t.MunicipalitiesReached} van {t.MunicipalitiesInRegion}" : N(t.MunicipalitiesReached)],
            ], numeric: [false, true]);
            if (t.MunicipalitiesNotReached.Count > 0)
            {
                Paragraph(null, $"Niet bereikt in {report.Year}: {Join(t.MunicipalitiesNotReached.Select(m => m.Name))}.");
            }

            var number = 0;
            foreach (var section in report.Priorities)
            {
                Paragraph("Heading1", section.Code == PolicyPriorities.Unassigned ? section.Title.Nl : $"{++number}. {section.Title.Nl}");
                Section(section);
                if (section.Code == PolicyPriorities.Lr1) BlindSpots();
            }
        }

        private void Section(PrioritySection s)
        {
            if (s.IsEmpty)
            {
                Paragraph(null, $"Geen bijeenkomsten, platformen of overeenkomsten onder deze prioriteit in {report.Year}.");
                return;
            }
            var reached = s.Municipalities.Count > 0 ? $", uit {Count(s.Municipalities.Count, "gemeente", "gemeenten")} ({Join(s.Municipalities.Select(m => m.Name))})" : "";
            Paragraph(null, $"In {report.Year}: {Count(s.MeetingsHeld, "bijeenkomst", "bijeenkomsten")} met samen {N(s.Attendance)} aanwezigen "
                + $"van {Count(s.Organisations.Count, "organisatie", "organisaties")}{reached}.");

            if (s.Platforms.Count > 0)
            {
                Paragraph("Heading2", "Overlegplatformen");
                foreach (var p in s.Platforms) Paragraph(null, PlatformSentence(p));
                Table(["Platform", "Soort", "Keer samen", $"Met {partner}", $"Zonder {partner}", "Aanwezigheid onbekend", "Aanwezigen", "Gemiddeld", "Ritme per jaar"],
                    [.. s.Platforms.Select(p => new[]
                    {
                        p.Name, Label(PlatformKind, "type", p.Type), N(p.MeetingsHeld), N(p.MeetingsWithPartner), N(p.MeetingsWithoutPartner),
                        N(p.MeetingsWithoutAttendance), N(p.Attendance), p.AverageAttendance is { } a ? a.ToString("0.#", Dutch) : "–",
                        p.CadencePerYear is { } c ? N(c) : "–",
                    })],
                    numeric: [false, false, true, true, true, true, true, true, true]);
            }
            if (s.Events.Count > 0)
            {
                Paragraph("Heading2", "Inspiratiemomenten, meet & greets en andere activiteiten");
                Table(["Datum", "Activiteit", "Soort", "Aanwezigen", "Organisaties"],
                    [.. s.Events.Select(e => new[]
                    {
                        LongDate(e.Date), e.Title + (e.Held ? "" : " (gepland)"), Label(MeetingKind, "type", e.Type), N(e.Attendance), N(e.Organisations),
                    })],
                    numeric: [false, false, false, true, true]);
            }
            if (s.Agreements.Count > 0)
            {
                Paragraph("Heading2", "Overeenkomsten en hun opvolging");
                foreach (var a in s.Agreements)
                {
                    Paragraph(null, a.FollowedUp
                        ? $"{a.Title}: opgevolgd door {Join(a.FollowedUpBy.Select(p => p.Name))}, {Count(a.FollowUpMeetings, "bijeenkomst", "bijeenkomsten")} in {report.Year}."
                        : $"{a.Title}: geen overlegplatform volgt deze overeenkomst op.");
                }
                Table(["Overeenkomst", "Soort", "Looptijd", "Partijen", "Opgevolgd door", "Bijeenkomsten"],
                    [.. s.Agreements.Select(a => new[]
                    {
                        a.Title, Label(AgreementKind, "type", a.Type), Period(a.Start, a.End), Join(a.Parties.Select(p => p.Name)),
                        a.FollowedUp ? Join(a.FollowedUpBy.Select(p => p.Name)) : "niemand", N(a.FollowUpMeetings),
                    })],
                    numeric: [false, false, false, false, false, true]);
            }
            if (s.Themes.Count > 0)
            {
                Paragraph("Heading2", "Thema's");
                Table(["Thema", "Bijeenkomsten"], [.. s.Themes.Select(th => new[] { th.Name, N(th.Meetings) })], numeric: [false, true]);
            }
        }

        private void BlindSpots()
        {
            var b = report.BlindSpots;
            Paragraph("Heading2", "In kaart brengen van blinde vlekken in ons netwerk");
            Paragraph(null, $"Op {LongDate(b.AsOf)} vond Netwerk {Count(b.Found, "blinde vlek", "blinde vlekken")} in het netwerk; "
                + $"voor {N(b.ActedOn)} daarvan werd een activiteit gepland.");
            if (b.Findings.Count == 0) return;
            Table(["Bevinding", "Ernst", "Opvolging"],
                [.. b.Findings.Select(f => new[]
                {
                    f.Title.Nl, Severity(f.Severity),
                    f.ActedOn ? Join(f.Meetings.Select(m => m.Title + (m.Start is { } at ? $" ({LongDate(DateOnly.FromDateTime(at.DateTime))})" : ""))) : "nog niet opgevolgd",
                })],
                numeric: [false, false, false]);
        }

        private string PlatformSentence(PlatformYear p)
        {
            var sentence = p.MeetingsHeld == 0
                ? $"{p.Name} kwam in {report.Year} niet samen"
                : $"{p.Name} kwam in {report.Year} {Times(p.MeetingsHeld)} samen";
            if (p.MeetingsWithPartner > 0 && p.MeetingsWithoutPartner > 0)
            {
                sentence += $": {Times(p.MeetingsWithPartner)} met {partner}, {Times(p.MeetingsWithoutPartner)} zonder";
            }
            else if (p.MeetingsWithPartner > 0 && p.MeetingsWithoutAttendance == 0)
            {
                sentence += p.MeetingsWithPartner == p.MeetingsHeld && p.MeetingsHeld > 1 ? $", telkens met {partner}" : $", met {partner}";
            }
            if (p.CadencePerYear is { } cadence && p.Active && p.MeetingsHeld < cadence) sentence += $" (gepland ritme: {Times(cadence)} per jaar)";
            sentence += ".";
            if (p.MeetingsHeld == 1 && p.Attendance > 0) sentence += $" Er waren {N(p.Attendance)} aanwezigen.";
            else if (p.AverageAttendance is { } average && p.Attendance > 0) sentence += $" Gemiddeld waren er {average.ToString("0.#", Dutch)} aanwezigen.";
            if (p.MeetingsPlanned > 0) sentence += $" Nog gepland dit jaar: {Times(p.MeetingsPlanned)}.";
            return sentence;
        }

        private void Paragraph(string? style, string text)
        {
            var paragraph = new Paragraph();
            if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            body.Append(paragraph);
        }

        private void Table(string[] headers, IReadOnlyList<string[]> rows, bool[] numeric)
        {
            var table = new Table(new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                new TableLook { Val = "04A0" }));
            table.Append(new TableGrid(headers.Select(_ => new GridColumn())));
            table.Append(Row(headers, numeric, header: true));
            foreach (var row in rows) table.Append(Row(row, numeric, header: false));
            body.Append(table);
            // Word needs a paragraph between two tables, and it keeps the next heading off the table.
            body.Append(new Paragraph());
        }

        private static TableRow Row(string[] cells, bool[] numeric, bool header)
        {
            var row = new TableRow();
            if (header) row.Append(new TableRowProperties(new TableHeader()));
            for (var i = 0; i < cells.Length; i++)
            {
                var paragraph = new Paragraph(new ParagraphProperties(
                    new SpacingBetweenLines { After = "0" },
                    new Justification { Val = numeric[i] && !header ? JustificationValues.Right : JustificationValues.Left }));
                var run = new Run(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve });
                if (header) run.PrependChild(new RunProperties(new Bold()));
                paragraph.Append(run);
                row.Append(new TableCell(paragraph));
            }
            return row;
        }

        private static string Label(NodeKindDefinition kind, string property, string? value) =>
            value is null ? "–" : kind.Property(property)?.Values?.FirstOrDefault(v => v.Value == value)?.Label.Nl ?? value;

        private static string Severity(Severity severity) => severity switch
        {
            Netwerk.Core.Analysis.BlindSpots.Severity.High => "hoog",
            Netwerk.Core.Analysis.BlindSpots.Severity.Medium => "middel",
            _ => "laag",
        };

        private static string Times(int n) => n == 1 ? "één keer" : $"{N(n)} keer";

        private static string Count(int n, string one, string many) => $"{N(n)} {(n == 1 ? one : many)}";

        private static string N(int n) => n.ToString("N0", Dutch);

        private static string Join(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count switch
            {
                0 => "–",
                1 => list[0],
                _ => string.Join(", ", list.Take(list.Count - 1)) + " en " + list[^1],
            };
        }

        private static string Period(DateOnly? start, DateOnly? end) => (start, end) switch
        {
            ({ } s, { } e) => $"{ShortDate(s)} – {ShortDate(e)}",
            ({ } s, null) => $"vanaf {ShortDate(s)}",
            (null, { } e) => $"tot {ShortDate(e)}",
            _ => "–",
        };

        private static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

        private static string ShortDate(DateOnly date) => date.ToString("d-M-yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>Word's built-in styles (same ids and names as Word's own), Dutch as the proofing language.</summary>
    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                new FontSize { Val = "22" }, new Languages { Val = "nl-BE" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "259", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(ParagraphStyle("Title", "Title", size: "56", color: "1F3864", outline: null));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", size: "28", color: "595959", outline: null));
        styles.Append(ParagraphStyle("Heading1", "heading 1", size: "32", color: "2F5496", outline: 0));
        styles.Append(ParagraphStyle("Heading2", "heading 2", size: "26", color: "2F5496", outline: 1));
        styles.Append(new Style(
            new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" }, new UIPriority { Val = 39 },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "auto" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "auto" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "auto" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "auto" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "auto" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "auto" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableGrid" });
        styles.Append(new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden())
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, string size, string color, int? outline)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = outline is null ? "0" : "240", After = "120" });
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });
        return new Style(
            new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Color { Val = color }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
