using System.Globalization;

namespace Netwerk.Core.Schema;

/// <summary>
/// One schema violation: the field it concerns (a JSON path such as <c>nodes[3].properties.email</c>),
/// a stable code, and the values its message needs. <see cref="Message"/> renders it in Dutch or English.
/// </summary>
public sealed record ValidationError(string Field, string Code, params string[] Args)
{
    public string Message(string language = "nl")
    {
        var (nl, en) = Templates.TryGetValue(Code, out var t) ? t : ("Ongeldige waarde.", "Invalid value.");
        var args = language == "en" || Code != "wrong-type" ? Args : [.. Args.Select(a => DutchTypeNames.GetValueOrDefault(a, a))];
        return string.Format(CultureInfo.InvariantCulture, language == "en" ? en : nl, args);
    }

    private static readonly Dictionary<string, string> DutchTypeNames = new()
    {
        ["integer"] = "een geheel getal",
        ["number"] = "een getal",
        ["boolean"] = "waar of onwaar (true/false)",
        ["string"] = "tekst",
        ["list of strings"] = "een lijst van teksten",
    };

    private static readonly Dictionary<string, (string Nl, string En)> Templates = new()
    {
        ["required"] = ("Dit veld is verplicht.", "This field is required."),
        ["unknown-kind"] = ("Onbekende soort knoop '{0}'.", "Unknown node kind '{0}'."),
        ["unknown-type"] = ("Onbekend relatietype '{0}'.", "Unknown relationship type '{0}'."),
        ["unknown-property"] = ("Onbekende eigenschap '{0}' voor {1}.", "Unknown property '{0}' for {1}."),
        ["wrong-type"] = ("Verwacht: {0}.", "Expected: {0}."),
        ["not-allowed"] = ("'{0}' is geen toegelaten waarde. Toegelaten: {1}.", "'{0}' is not an allowed value. Allowed: {1}."),
        ["too-long"] = ("Maximaal {0} tekens.", "At most {0} characters."),
        ["too-many"] = ("Maximaal {0} items.", "At most {0} items."),
        ["too-small"] = ("Minimaal {0}.", "At least {0}."),
        ["too-large"] = ("Maximaal {0}.", "At most {0}."),
        ["bad-email"] = ("Geen geldig e-mailadres.", "Not a valid e-mail address."),
        ["bad-url"] = ("Geen geldige webadres (http of https).", "Not a valid web address (http or https)."),
        ["bad-phone"] = ("Geen geldig telefoonnummer.", "Not a valid phone number."),
        ["bad-date"] = ("Geen geldige datum; gebruik jjjj-mm-dd.", "Not a valid date; use yyyy-MM-dd."),
        ["bad-datetime"] = ("Geen geldig tijdstip; gebruik ISO 8601 met tijdzone, bv. 2024-03-05T09:30:00+01:00.", "Not a valid date-time; use ISO 8601 with an offset, e.g. 2024-03-05T09:30:00+01:00."),
        ["bad-pattern"] = ("De waarde heeft niet de verwachte vorm.", "The value does not have the expected form."),
        ["date-order"] = ("'{0}' mag niet na '{1}' liggen.", "'{0}' must not be after '{1}'."),
        ["endpoint-not-allowed"] = ("Een relatie {0} van {1} naar {2} is niet toegelaten.", "A {0} relationship from {1} to {2} is not allowed."),
        ["dangling-endpoint"] = ("Knoop '{0}' bestaat niet.", "Node '{0}' does not exist."),
        ["self-loop"] = ("Een relatie kan niet van een knoop naar zichzelf gaan.", "A relationship cannot go from a node to itself."),
        ["bad-id"] = ("Ongeldige id: gebruik letters, cijfers, '-', '_', '.' of ':' (maximaal 128 tekens).", "Invalid id: use letters, digits, '-', '_', '.' or ':' (at most 128 characters)."),
        ["managed"] = ("'{0}' houdt Netwerk zelf bij; het kan hier niet gewijzigd worden.", "Netwerk keeps '{0}' itself; it cannot be changed here."),
        ["immutable"] = ("'{0}' kan niet gewijzigd worden (was '{1}').", "'{0}' cannot be changed (was '{1}')."),
        ["duplicate-id"] = ("De id '{0}' komt meer dan eens voor.", "The id '{0}' occurs more than once."),
        ["id-mismatch"] = ("De id in de body verschilt van die in de URL.", "The id in the body differs from the one in the URL."),
        ["unknown-region"] = ("Onbekend werkingsgebied '{0}'.", "Unknown region '{0}'."),
        ["unknown-filter"] = ("Onbekende filter '{0}'.", "Unknown filter '{0}'."),
        ["bad-recurrence"] = ("Geen geldige herhaalregel (RRULE): {0}", "Not a valid recurrence rule (RRULE): {0}"),
        ["recurrence-too-frequent"] = ("Een activiteit herhaalt hoogstens dagelijks ({0} kan niet).", "A meeting repeats at most daily ({0} is not possible)."),
        ["recurrence-unbounded"] = ("Geef de herhaling een einde (COUNT of UNTIL), binnen {0} jaar.", "Give the recurrence an end (COUNT or UNTIL), within {0} years."),
        ["recurrence-too-long"] = ("Een reeks loopt hoogstens {0} jaar.", "A series runs at most {0} years."),
        ["recurrence-too-many"] = ("Een reeks telt hoogstens {0} keer.", "A series has at most {0} occurrences."),
        ["recurrence-empty"] = ("Deze herhaalregel levert geen enkele keer op.", "This recurrence rule yields no occurrence."),
        ["end-before-start"] = ("Het einde moet na het begin liggen.", "The end must be after the start."),
        ["unknown-node"] = ("'{0}' bestaat niet.", "'{0}' does not exist."),
        ["wrong-kind"] = ("'{0}' is geen {1}.", "'{0}' is not a {1}."),
        ["platform-required"] = ("Een overleg hoort bij een overlegplatform.", "An overleg belongs to a platform."),
        ["one-theme-required"] = ("Een inspiratiemoment gaat over precies één thema.", "An inspiratiemoment is about exactly one theme."),
        ["only-for-businessmixer"] = ("Speeddates horen bij een businessmixer.", "Speed dates belong to a business mixer."),
        ["not-an-occurrence"] = ("Op dit tijdstip begint geen keer van deze reeks.", "No occurrence of this series starts at this time."),
        ["not-recurring"] = ("Deze activiteit herhaalt niet.", "This meeting does not repeat."),
        ["too-long-span"] = ("De periode is te lang (hoogstens {0} dagen).", "The period is too long (at most {0} days)."),
        ["rule-empty"] = ("Deze regel heeft minstens één criterium nodig.", "This rule needs at least one criterion."),
        ["rules-too-deep"] = ("De regels zijn te diep genest (hoogstens {0} niveaus).", "The rules are nested too deeply (at most {0} levels)."),
        ["too-many-rules"] = ("Te veel regels (hoogstens {0}).", "Too many rules (at most {0})."),
        ["frozen"] = ("De uitnodigingslijst is al vastgelegd.", "The invite list has already been frozen."),
        ["bad-time"] = ("Geen geldig uur; gebruik uu:mm.", "Not a valid time; use HH:mm."),
        ["not-a-person"] = ("'{0}' is geen persoon.", "'{0}' is not a person."),
    };
}
