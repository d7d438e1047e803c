using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// A school holiday period of the Flemish Community from <c>First</c> to <c>Last</c>, both included. <c>Code</c> is
/// <c>autumn</c>, <c>christmas</c>, <c>spring</c> (krokus), <c>easter</c>, <c>ascension</c> or <c>summer</c>;
/// <c>SchoolYear</c> is the calendar year in which the school year starts (2025 for 2025–2026).
/// </summary>
public sealed record SchoolHolidayPeriod(string Code, LocalizedText Name, DateOnly First, DateOnly Last, int SchoolYear)
{
    public bool Contains(DateOnly date) => date >= First && date <= Last;
}

/// <summary>
/// School holidays of Flemish primary and secondary education (kleuter-, lager en secundair onderwijs), computed per
/// school year from the rules of the Flemish government, so no yearly table has to be kept up to date.
/// <para>
/// Source: besluit van de Vlaamse Regering van 17 april 1991 betreffende de organisatie van het schooljaar in het
/// basisonderwijs and of 31 augustus 2001 for secundair onderwijs (art. 7), as summarised on vlaanderen.be
/// ("Schoolvakanties en vrije dagen op school") and onderwijs.vlaanderen.be. Flanders did NOT adopt the 2022 calendar
/// reform of the French Community (two-week autumn and spring breaks, a shorter summer); its rules are unchanged:
/// </para>
/// <list type="bullet">
/// <item>The school year runs from 1 September to 31 August. The first school day is 1 September, or the Monday after
/// it when 1 September is a Saturday or Sunday; the last is 30 June, or the Friday before it on a weekend.</item>
/// <item>Herfstvakantie (1 week): from the Monday of the week of 1 November; when 1 November is a Sunday, from 2 November.</item>
/// <item>Kerstvakantie (2 weeks): from the Monday of the week of 25 December; when 25 December is a Saturday or Sunday,
/// from the Monday after it.</item>
/// <item>Krokusvakantie (1 week): from the seventh Monday before Easter (Easter − 48 days).</item>
/// <item>Paasvakantie (2 weeks): from the first Monday of April. When Easter falls in March, from the Monday after
/// Easter; when Easter falls after 15 April, from the second Monday before Easter, and then Easter Monday is added, so
/// the period ends on Easter Monday.</item>
/// <item>Hemelvaart: Ascension Day and the day after (a Friday) are school-free; listed here as a two-day period
/// because the Friday is no public holiday.</item>
/// <item>Zomervakantie: 1 July to 31 August.</item>
/// </list>
/// The other school-free days (11 November, Easter Monday, 1 May, Whit Monday) are legal public holidays and come from
/// <see cref="BelgianHolidays"/>. The minister may deviate by circular letter (as in the COVID year 2020–2021); such
/// exceptions are not modelled.
/// </summary>
public static class FlemishSchoolHolidays
{
    /// <summary>The periods of school year <paramref name="startYear"/>–<paramref name="startYear"/>+1, in date order.</summary>
    public static IReadOnlyList<SchoolHolidayPeriod> ForSchoolYear(int startYear)
    {
        if (startYear is < 1583 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(startYear), startYear, "Only school years starting 1583–9998 are supported.");
        }
        var next = startYear + 1;
        var easter = BelgianHolidays.EasterSunday(next);

        var allSaints = new DateOnly(startYear, 11, 1);
        var autumn = allSaints.DayOfWeek == DayOfWeek.Sunday ? allSaints.AddDays(1) : MondayOfWeek(allSaints);

        var christmasDay = new DateOnly(startYear, 12, 25);
        var christmas = christmasDay.DayOfWeek switch
        {
            DayOfWeek.Saturday => christmasDay.AddDays(2),
            DayOfWeek.Sunday => christmasDay.AddDays(1),
            _ => MondayOfWeek(christmasDay),
        };

        var spring = easter.AddDays(-48);

        DateOnly easterFirst, easterLast;
        if (easter.Month == 3)
        {
            easterFirst = easter.AddDays(1);
            easterLast = easterFirst.AddDays(13);
        }
        else if (easter.Day > 15)
        {
            easterFirst = easter.AddDays(-13);
            easterLast = easter.AddDays(1);
        }
        else
        {
            easterFirst = FirstMondayOfApril(next);
            easterLast = easterFirst.AddDays(13);
        }

        var ascension = easter.AddDays(39);
        return
        [
            Period("autumn", "Herfstvakantie", "Autumn holiday", autumn, autumn.AddDays(6), startYear),
            Period("christmas", "Kerstvakantie", "Christmas holiday", christmas, christmas.AddDays(13), startYear),
            Period("spring", "Krokusvakantie", "Spring half-term (krokus) holiday", spring, spring.AddDays(6), startYear),
            Period("easter", "Paasvakantie", "Easter holiday", easterFirst, easterLast, startYear),
            Period("ascension", "Hemelvaart (en de dag erna)", "Ascension Day and the day after", ascension, ascension.AddDays(1), startYear),
            Period("summer", "Zomervakantie", "Summer holiday", new DateOnly(next, 7, 1), new DateOnly(next, 8, 31), startYear),
        ];
    }

    /// <summary>Every period that overlaps <paramref name="first"/>..<paramref name="last"/>, in date order.</summary>
    public static IReadOnlyList<SchoolHolidayPeriod> Overlapping(DateOnly first, DateOnly last)
    {
        var result = new List<SchoolHolidayPeriod>();
        // The school year that contains 'first' starts in the previous calendar year before September.
        for (var year = SchoolYearOf(first); year <= SchoolYearOf(last); year++)
        {
            result.AddRange(ForSchoolYear(year).Where(p => p.First <= last && p.Last >= first));
        }
        return result;
    }

    /// <summary>The period a date falls in, or null on a school day (or a weekend outside any period).</summary>
    public static SchoolHolidayPeriod? On(DateOnly date) => ForSchoolYear(SchoolYearOf(date)).FirstOrDefault(p => p.Contains(date));

    /// <summary>The calendar year in which the school year containing <paramref name="date"/> starts.</summary>
    public static int SchoolYearOf(DateOnly date) => date.Month >= 9 ? date.Year : date.Year - 1;

    /// <summary>1 September, or the Monday after it when it falls on a weekend.</summary>
    public static DateOnly FirstSchoolDay(int startYear) => new DateOnly(startYear, 9, 1) switch
    {
        { DayOfWeek: DayOfWeek.Saturday } d => d.AddDays(2),
        { DayOfWeek: DayOfWeek.Sunday } d => d.AddDays(1),
        var d => d,
    };

    /// <summary>30 June, or the Friday before it when it falls on a weekend.</summary>
    public static DateOnly LastSchoolDay(int startYear) => new DateOnly(startYear + 1, 6, 30) switch
    {
        { DayOfWeek: DayOfWeek.Saturday } d => d.AddDays(-1),
        { DayOfWeek: DayOfWeek.Sunday } d => d.AddDays(-2),
        var d => d,
    };

    private static DateOnly MondayOfWeek(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static DateOnly FirstMondayOfApril(int year)
    {
        var first = new DateOnly(year, 4, 1);
        return first.AddDays((8 - (int)first.DayOfWeek) % 7);
    }

    private static SchoolHolidayPeriod Period(string code, string nl, string en, DateOnly first, DateOnly last, int schoolYear) =>
        new(code, new LocalizedText(nl, en), first, last, schoolYear);
}
