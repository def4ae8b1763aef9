using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>AMAZON.DATE values as Alexa sends them, read into ranges of days (today is Monday 7 December 2026).</summary>
public sealed class AmazonDateTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData("2026-12-06", "2026-12-06", "2026-12-06", DateSpan.Day)]
    [InlineData("PRESENT_REF", "2026-12-07", "2026-12-07", DateSpan.Day)]
    [InlineData("2026-W48", "2026-11-23", "2026-11-29", DateSpan.Week)]
    [InlineData("2026-W48-WE", "2026-11-28", "2026-11-29", DateSpan.Weekend)]
    [InlineData("2026-11", "2026-11-01", "2026-11-30", DateSpan.Month)]
    [InlineData("2026-02-XX", "2026-02-01", "2026-02-28", DateSpan.Month)]
    [InlineData("2026", "2026-01-01", "2026-12-31", DateSpan.Year)]
    [InlineData("2025-XX", "2025-01-01", "2025-12-31", DateSpan.Year)]
    [InlineData("202X", "2020-01-01", "2029-12-31", DateSpan.Decade)]
    [InlineData("2025-WI", "2025-12-01", "2026-02-28", DateSpan.Season)]
    [InlineData("2026-SU", "2026-06-01", "2026-08-31", DateSpan.Season)]
    [InlineData("2026-FA", "2026-09-01", "2026-11-30", DateSpan.Season)]
    [InlineData("2026-Q3", "2026-07-01", "2026-09-30", DateSpan.Quarter)]
    [InlineData("XXXX-11-25", "2026-11-25", "2026-11-25", DateSpan.Day)]

    // Alexa leans to the future for words without a year; a question about spending means the past one.
    [InlineData("2027-11", "2026-11-01", "2026-11-30", DateSpan.Month)]
    [InlineData("XXXX-12-25", "2025-12-25", "2025-12-25", DateSpan.Day)]
    [InlineData("2026-12-25", "2025-12-25", "2025-12-25", DateSpan.Day)]
    public void Reads_each_documented_form(string value, string from, string to, DateSpan span) =>
        Assert.Equal(new DatePeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), span), AmazonDate.Parse(value, Today));

    [Theory]
    [InlineData("2026-W51")]
    [InlineData("2030")]
    public void A_week_or_year_still_to_come_stays_in_the_future(string value) =>
        Assert.True(AmazonDate.Parse(value, Today)!.From > Today);

    [Theory]
    [InlineData("")]
    [InlineData("next tuesday")]
    [InlineData("2026-13")]
    [InlineData("2026-02-30")]
    [InlineData("2026-W54")]
    [InlineData("2026-Q5")]
    [InlineData("2026-XY")]
    [InlineData("12026")]
    public void Anything_else_is_no_date(string value) => Assert.Null(AmazonDate.Parse(value, Today));
}
