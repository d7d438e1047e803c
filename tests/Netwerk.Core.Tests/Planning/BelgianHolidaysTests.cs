using System.Globalization;
using CsCheck;
using Netwerk.Core.Planning;

namespace Netwerk.Core.Tests.Planning;

public sealed class BelgianHolidaysTests
{
    [Theory]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(1818, "1818-03-22")]   // the earliest possible date
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")]   // the latest possible date
    [InlineData(1583, "1583-04-10")]   // first Gregorian Easter
    public void Easter_Sunday_matches_known_dates(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), BelgianHolidays.EasterSunday(year));

    /// <summary>
    /// Easter Mondays 2000–2050 as published in the Belgian legal holidays calendar of gadael/icsdb
    /// (build/en-US/belgium-nonworkingdays.ics, RDATE list of the Easter Monday event).
    /// </summary>
    private const string PublishedEasterMondays =
        "20000424 20010416 20020401 20030421 20040412 20050328 20060417 20070409 20080324 20090413 20100405 20110425 " +
        "20120409 20130401 20140421 20150406 20160328 20170417 20180402 20190422 20200413 20210405 20220418 20230410 " +
        "20240401 20250421 20260406 20270329 20280417 20290402 20300422 20310414 20320329 20330418 20340410 20350326 " +
        "20360414 20370406 20380426 20390411 20400402 20410422 20420407 20430330 20440418 20450410 20460326 20470415 " +
        "20480406 20490419 20500411";

    [Fact]
    public void Easter_Monday_matches_a_published_list_for_2000_to_2050()
    {
        foreach (var text in PublishedEasterMondays.Split(' '))
        {
            var expected = DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);
            var holiday = BelgianHolidays.InYear(expected.Year).Single(h => h.Code == "easter-monday");
            Assert.Equal(expected, holiday.Date);
        }
    }

    [Fact]
    public void The_ten_legal_holidays_of_2025_and_the_Flemish_day()
    {
        var holidays = BelgianHolidays.InYear(2025);
        string[] expected =
        [
            "2025-01-01 new-year Nieuwjaar", "2025-04-21 easter-monday Paasmaandag", "2025-05-01 labour-day Dag van de Arbeid",
            "2025-05-29 ascension O.L.H. Hemelvaart", "2025-06-09 whit-monday Pinkstermaandag",
            "2025-07-11 flemish-community Feest van de Vlaamse Gemeenschap", "2025-07-21 national-day Nationale feestdag",
            "2025-08-15 assumption O.L.V. Hemelvaart", "2025-11-01 all-saints Allerheiligen", "2025-11-11 armistice Wapenstilstand",
            "2025-12-25 christmas Kerstmis",
        ];
        Assert.Equal(expected, holidays.Select(h => $"{h.Date:yyyy-MM-dd} {h.Code} {h.Name.Nl}"));
        Assert.Equal(10, holidays.Count(h => h.IsLegal));
        Assert.False(holidays.Single(h => h.Code == "flemish-community").IsLegal);
        Assert.Equal("Whit Monday", holidays.Single(h => h.Code == "whit-monday").Name.En);
    }

    [Theory]
    [InlineData("2024-05-09", "ascension")]
    [InlineData("2024-05-20", "whit-monday")]
    [InlineData("2026-05-14", "ascension")]
    [InlineData("2026-05-25", "whit-monday")]
    [InlineData("2027-03-29", "easter-monday")]
    public void Moveable_holidays_follow_Easter(string date, string code) =>
        Assert.Equal(code, BelgianHolidays.On(DateOnly.Parse(date, CultureInfo.InvariantCulture))?.Code);

    [Fact]
    public void Ascension_on_Labour_Day_keeps_both_and_date_order()
    {
        var holidays = BelgianHolidays.InYear(2008);   // Easter 23 March 2008
        Assert.Equal(new DateOnly(2008, 5, 1), holidays.Single(h => h.Code == "ascension").Date);
        Assert.Equal(["labour-day", "ascension"], holidays.Where(h => h.Date == new DateOnly(2008, 5, 1)).Select(h => h.Code));
        Assert.Equal(["new-year", "easter-monday", "labour-day", "ascension"], holidays.Take(4).Select(h => h.Code));
    }

    [Fact]
    public void Ascension_before_Labour_Day_is_listed_first() =>
        // Easter on 22 March (1818, 2285) puts Ascension on 30 April.
        Assert.Equal(["new-year", "easter-monday", "ascension", "labour-day"], BelgianHolidays.InYear(2285).Take(4).Select(h => h.Code));

    [Fact]
    public void An_ordinary_day_is_no_holiday() => Assert.Null(BelgianHolidays.On(new DateOnly(2025, 3, 12)));

    [Fact]
    public void Between_spans_years_and_includes_both_ends()
    {
        var list = BelgianHolidays.Between(new DateOnly(2025, 12, 25), new DateOnly(2026, 1, 1));
        Assert.Equal(["christmas", "new-year"], list.Select(h => h.Code));
    }

    [Fact]
    public void Every_year_has_eleven_days_off_with_Easter_on_a_Sunday_between_22_March_and_25_April()
    {
        Gen.Int[1583, 9999].Sample(year =>
        {
            var easter = BelgianHolidays.EasterSunday(year);
            var holidays = BelgianHolidays.InYear(year);
            var ascensionOnLabourDay = easter.AddDays(39) == new DateOnly(year, 5, 1);
            return easter.DayOfWeek == DayOfWeek.Sunday
                && easter >= new DateOnly(year, 3, 22) && easter <= new DateOnly(year, 4, 25)
                && holidays.Count == 11
                && holidays.Select(h => h.Date).Distinct().Count() == (ascensionOnLabourDay ? 10 : 11)
                && holidays.Single(h => h.Code == "ascension").Date.DayOfWeek == DayOfWeek.Thursday
                && holidays.Single(h => h.Code == "whit-monday").Date.DayOfWeek == DayOfWeek.Monday
                && holidays.Zip(holidays.Skip(1)).All(p => p.First.Date <= p.Second.Date);
        });
    }

    [Fact]
    public void Years_before_the_Gregorian_calendar_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BelgianHolidays.EasterSunday(1582));
}
