using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// A day off in Belgium with a stable <c>Code</c> (e.g. <c>easter-monday</c>). <c>IsLegal</c> is true for the ten
/// legal public holidays (wet van 4 januari 1974 betreffende de feestdagen) and false for a regional holiday such as
/// 11 July, the Feest van de Vlaamse Gemeenschap: no legal holiday, but the Flemish government and many local
/// governments, OCMWs and organisations close, so a meeting with them that day goes badly.
/// </summary>
public sealed record PublicHoliday(DateOnly Date, string Code, LocalizedText Name, bool IsLegal);

/// <summary>
/// Belgian public holidays, computed rather than listed so they are right for any year: the fixed-date ones plus
/// Easter Monday, Ascension Day (Easter + 39 days) and Whit Monday (Easter + 50 days), with Easter Sunday from the
/// anonymous Gregorian algorithm (Meeus/Jones/Butcher). Valid for the Gregorian years 1583–9999.
/// </summary>
public static class BelgianHolidays
{
    private const int FirstGregorianYear = 1583;

    /// <summary>Easter Sunday of a Gregorian year (Meeus/Jones/Butcher; exact for every Gregorian year).</summary>
    public static DateOnly EasterSunday(int year)
    {
        CheckYear(year);
        var a = year % 19;                 // position in the 19-year Metonic cycle
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;           // lunar correction
        var h = (19 * a + b - d - g + 15) % 30;  // days from 21 March to the paschal full moon (epact)
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;  // days from the full moon to the next Sunday
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// The ten legal holidays and the Flemish regional holiday of a year, in date order. Ascension Day can fall on
    /// 1 May (as in 2008); both are then listed for that date, Labour Day first.
    /// </summary>
    public static IReadOnlyList<PublicHoliday> InYear(int year)
    {
        var easter = EasterSunday(year);
        PublicHoliday[] all =
        [
            Legal(new DateOnly(year, 1, 1), "new-year", "Nieuwjaar", "New Year's Day"),
            Legal(easter.AddDays(1), "easter-monday", "Paasmaandag", "Easter Monday"),
            Legal(new DateOnly(year, 5, 1), "labour-day", "Dag van de Arbeid", "Labour Day"),
            Legal(easter.AddDays(39), "ascension", "O.L.H. Hemelvaart", "Ascension Day"),
            Legal(easter.AddDays(50), "whit-monday", "Pinkstermaandag", "Whit Monday"),
            new PublicHoliday(new DateOnly(year, 7, 11), "flemish-community", new LocalizedText("Feest van de Vlaamse Gemeenschap", "Day of the Flemish Community"), IsLegal: false),
            Legal(new DateOnly(year, 7, 21), "national-day", "Nationale feestdag", "Belgian National Day"),
            Legal(new DateOnly(year, 8, 15), "assumption", "O.L.V. Hemelvaart", "Assumption Day"),
            Legal(new DateOnly(year, 11, 1), "all-saints", "Allerheiligen", "All Saints' Day"),
            Legal(new DateOnly(year, 11, 11), "armistice", "Wapenstilstand", "Armistice Day"),
            Legal(new DateOnly(year, 12, 25), "christmas", "Kerstmis", "Christmas Day"),
        ];
        // Stable: with Easter on 22 March, Ascension (30 April) comes before Labour Day.
        return [.. all.OrderBy(h => h.Date)];
    }

    /// <summary>Every holiday (legal and regional) from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IReadOnlyList<PublicHoliday> Between(DateOnly first, DateOnly last)
    {
        var result = new List<PublicHoliday>();
        for (var year = first.Year; year <= last.Year; year++)
        {
            result.AddRange(InYear(year).Where(h => h.Date >= first && h.Date <= last));
        }
        return result;
    }

    /// <summary>The holiday on a date, or null on an ordinary day.</summary>
    /// <remarks>On a day with two holidays (Ascension on 1 May) the first in <see cref="InYear"/> is returned.</remarks>
    public static PublicHoliday? On(DateOnly date) => InYear(date.Year).FirstOrDefault(h => h.Date == date);

    private static PublicHoliday Legal(DateOnly date, string code, string nl, string en) =>
        new(date, code, new LocalizedText(nl, en), IsLegal: true);

    private static void CheckYear(int year)
    {
        if (year is < FirstGregorianYear or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Only Gregorian years {FirstGregorianYear}–9999 are supported.");
        }
    }
}
