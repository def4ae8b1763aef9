using System.Globalization;
using System.Text.RegularExpressions;

namespace VoicePay.Skill.Domain;

/// <summary>What span of time an <c>AMAZON.DATE</c> value names; the spoken answer names it the same way.</summary>
public enum DateSpan
{
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
}

/// <summary>An inclusive range of calendar days and what kind of span it was said as.</summary>
public sealed record DatePeriod(DateOnly From, DateOnly To, DateSpan Span);

/// <summary>
/// Reads the values Alexa puts in an <c>AMAZON.DATE</c> slot into a range of days. Alexa resolves relative words
/// itself: "yesterday" arrives as <c>2026-12-06</c>, "this week" as <c>2026-W49</c>, "this weekend" as
/// <c>2026-W49-WE</c>, "last month" as <c>2026-11</c>, "this year" as <c>2026</c>, "this decade" as <c>202X</c>,
/// "last winter" as <c>2025-WI</c>, "this quarter" as <c>2026-Q4</c>, "right now" as <c>PRESENT_REF</c>; a date
/// said without a year may come as <c>XXXX-11-25</c>. Weeks are ISO weeks (Monday to Sunday). Seasons are
/// meteorological, northern hemisphere: winter is December to February and belongs to the year it starts in.
/// </summary>
public static partial class AmazonDate
{
    /// <summary>
    /// The period <paramref name="value"/> names, or null when it is not an AMAZON.DATE value. Alexa leans to
    /// future dates for words without a year ("in November" said in December can come as next November); the
    /// person is asking about what already happened, so a day, month, quarter or season that has not begun yet
    /// is taken a year earlier.
    /// </summary>
    public static DatePeriod? Parse(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().ToUpperInvariant();
        var period = Read(text, today);
        return period is { Span: DateSpan.Day or DateSpan.Month or DateSpan.Quarter or DateSpan.Season } && period.From > today
            ? period with { From = period.From.AddYears(-1), To = period.To.AddYears(-1) }
            : period;
    }

    private static DatePeriod? Read(string text, DateOnly today)
    {
        if (text == "PRESENT_REF")
        {
            return new(today, today, DateSpan.Day);
        }

        // Year-less forms ("XXXX-11-25", "XXXX-11"): this year, or (Parse) the year before when that is still to come.
        if (text.StartsWith("XXXX-", StringComparison.Ordinal))
        {
            return Read(today.Year.ToString("D4", CultureInfo.InvariantCulture) + text[4..], today);
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9998)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        if (match.Groups["decade"].Success)
        {
            var start = (year * 10) is >= 1 and <= 9990 ? year * 10 : 0;
            return start == 0 ? null : new(new DateOnly(start, 1, 1), new DateOnly(start + 9, 12, 31), DateSpan.Decade);
        }

        return rest switch
        {
            "" or "-XX" => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DateSpan.Year),
            "-WI" => Months(year, 12, 3, DateSpan.Season),
            "-SP" => Months(year, 3, 3, DateSpan.Season),
            "-SU" => Months(year, 6, 3, DateSpan.Season),
            "-FA" => Months(year, 9, 3, DateSpan.Season),
            ['-', 'Q', var q] when q is >= '1' and <= '4' => Months(year, ((q - '1') * 3) + 1, 3, DateSpan.Quarter),
            ['-', 'W', ..] => Week(year, rest),
            _ => MonthOrDay(year, rest),
        };
    }

    private static DatePeriod? Week(int year, string rest)
    {
        var weekend = rest.EndsWith("-WE", StringComparison.Ordinal);
        var digits = weekend ? rest[2..^3] : rest[2..];
        if (digits.Length != 2 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return null;
        }

        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return weekend ? new(monday.AddDays(5), monday.AddDays(6), DateSpan.Weekend) : new(monday, monday.AddDays(6), DateSpan.Week);
    }

    private static DatePeriod? MonthOrDay(int year, string rest)
    {
        // "-11", "-11-XX" (a month), "-11-25" (a day).
        var parts = rest.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12 || parts[0].Length != 2)
        {
            return null;
        }

        if (parts.Length == 1 || parts[1] == "XX")
        {
            return Months(year, month, 1, DateSpan.Month);
        }

        return parts[1].Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new(new DateOnly(year, month, day), new DateOnly(year, month, day), DateSpan.Day)
            : null;
    }

    private static DatePeriod Months(int year, int month, int count, DateSpan span)
    {
        var from = new DateOnly(year, month, 1);
        return new(from, from.AddMonths(count).AddDays(-1), span);
    }

    // "2026", "2026-…", or a decade "202X".
    [GeneratedRegex(@"^(?:(?<year>\d{4})(?<rest>(?:-[0-9A-Z]{1,3}){0,2})|(?<year>\d{3})(?<decade>X))$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
