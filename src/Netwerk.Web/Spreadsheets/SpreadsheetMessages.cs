using System.Globalization;

namespace Netwerk.Web.Spreadsheets;

/// <summary>The import's own messages (the schema's come from <see cref="Netwerk.Core.Schema.ValidationError"/>), Dutch and English.</summary>
public static class SpreadsheetMessages
{
    private static readonly Dictionary<string, (string Nl, string En)> Templates = new()
    {
        ["unknown-municipality"] = ("Gemeente '{0}' bestaat niet in het netwerk.", "Municipality '{0}' does not exist in the network."),
        ["unknown-organisation"] = ("Organisatie '{0}' bestaat niet in het netwerk; importeer eerst de organisaties.", "Organisation '{0}' does not exist in the network; import the organisations first."),
        ["unknown-platform"] = ("Overlegplatform '{0}' bestaat niet in het netwerk.", "Platform '{0}' does not exist in the network."),
        ["unknown-member"] = ("Geen persoon of organisatie '{0}' gevonden.", "No person or organisation '{0}' found."),
        ["did-you-mean"] = ("Bedoel je '{0}'?", "Did you mean '{0}'?"),
        ["member-must-exist"] = ("Een lid moet al in het netwerk staan; kies een bestaande persoon of organisatie.", "A member must already be in the network; choose an existing person or organisation."),
        ["bad-decision"] = ("'{0}' is geen van de voorgestelde knopen voor deze rij.", "'{0}' is not one of the nodes proposed for this row."),
        ["conflicting-duplicate"] = ("Andere waarde dan rij {0}, die hetzelfde voorstelt; de waarde van rij {0} blijft.", "Differs from row {0}, which is the same; row {0}'s value is kept."),
        ["decision-required"] = ("Kies of deze rij een bestaande knoop is of een nieuwe.", "Choose whether this row is an existing node or a new one."),
        ["unknown-column"] = ("Kolom '{0}' bestaat niet in het blad.", "Column '{0}' does not exist in the sheet."),
        ["unknown-property"] = ("'{0}' is geen eigenschap die je bij {1} kan invullen.", "'{0}' is not a property you can fill for {1}."),
        ["mapped-twice"] = ("'{0}' is aan meer dan één kolom gekoppeld.", "'{0}' is mapped to more than one column."),
        ["name-unmapped"] = ("Koppel een kolom aan de naam (of voornaam en achternaam).", "Map a column to the name (or first and last name)."),
        ["platform-unmapped"] = ("Koppel een kolom aan het overlegplatform.", "Map a column to the platform."),
        ["not-a-spreadsheet"] = ("Dit is geen .xlsx- of .csv-bestand.", "This is not an .xlsx or .csv file."),
        ["old-excel-format"] = ("Dit is een oud Excel-bestand (.xls); bewaar het als .xlsx of .csv en probeer opnieuw.", "This is an old Excel file (.xls); save it as .xlsx or .csv and try again."),
        ["unreadable-spreadsheet"] = ("Dit Excel-bestand kan niet gelezen worden.", "This Excel file cannot be read."),
        ["empty-file"] = ("Het blad is leeg.", "The sheet is empty."),
        ["too-many-rows"] = ("Het blad heeft te veel rijen ({0}); hoogstens {1}.", "The sheet has too many rows ({0}); at most {1}."),
        ["too-many-columns"] = ("Het blad heeft te veel kolommen ({0}); hoogstens {1}.", "The sheet has too many columns ({0}); at most {1}."),
        ["file-too-large"] = ("Het bestand is te groot; hoogstens {0} MB.", "The file is too large; at most {0} MB."),
        ["file-required"] = ("Stuur één bestand mee (multipart/form-data, veld 'file').", "Send one file (multipart/form-data, field 'file')."),
        ["upload-not-found"] = ("Deze upload bestaat niet (meer); laad het bestand opnieuw op.", "This upload does not exist (any more); upload the file again."),
        ["import-running"] = ("Dit blad wordt al geïmporteerd.", "This sheet is already being imported."),
        ["rows-invalid"] = ("{0} rij(en) hebben fouten; er is niets geïmporteerd. Verbeter ze of kies 'rijen met fouten overslaan'.", "{0} row(s) have errors; nothing was imported. Fix them or choose 'skip rows with errors'."),
        ["decisions-required"] = ("{0} rij(en) lijken op een bestaande knoop; kies per rij 'nieuw' of de juiste knoop.", "{0} row(s) resemble an existing node; choose 'new' or the right node for each."),
        ["nothing-to-import"] = ("Er is geen enkele rij om te importeren.", "There is no row to import."),
    };

    public static string Say(string code, string language, params string[] args)
    {
        var (nl, en) = Templates.TryGetValue(code, out var t) ? t : (code, code);
        return string.Format(CultureInfo.InvariantCulture, language == "en" ? en : nl, args);
    }
}
