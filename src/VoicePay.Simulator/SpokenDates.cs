using System.Globalization;

namespace VoicePay.Simulator;

/// <summary>
/// Date words as Alexa's <c>AMAZON.DATE</c> slot resolves them, relative to today: "yesterday" → <c>2026-12-06</c>,
/// "this week" → <c>2026-W49</c>, "last weekend" → <c>2026-W48-WE</c>, "last month" → <c>2026-11</c>,
/// "november" → the next November (Alexa leans to the future for words without a year), "november twenty fifth"
/// → the next such day, "this year" → <c>2026</c>, "last winter" → <c>2025-WI</c>, "this quarter" →
/// <c>2026-Q4</c>, "this decade" → <c>202X</c>, "right now" → <c>PRESENT_REF</c>. Anything else is no date (null).
/// </summary>
public static class SpokenDates
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] Ordinals =
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];

    private static readonly Dictionary<string, string> Seasons = new(StringComparer.Ordinal)
    {
        ["winter"] = "WI",
        ["spring"] = "SP",
        ["summer"] = "SU",
        ["fall"] = "FA",
        ["autumn"] = "FA",
    };

    public static string? Resolve(IReadOnlyList<string> words, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = string.Join(' ', words);
        switch (text)
        {
            case "right now" or "now":
                return "PRESENT_REF";
            case "today":
                return Day(today);
            case "yesterday":
                return Day(today.AddDays(-1));
            case "tomorrow":
                return Day(today.AddDays(1));
        }

        if (words is [var which, var unit] && Offset(which) is { } offset)
        {
            return unit switch
            {
                "week" => Week(today.AddDays(7 * offset), string.Empty),
                "weekend" => Week(today.AddDays(7 * offset), "-WE"),
                "month" => new DateOnly(today.Year, today.Month, 1).AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                "year" => (today.Year + offset).ToString(CultureInfo.InvariantCulture),
                "quarter" => Quarter(new DateOnly(today.Year, today.Month, 1).AddMonths(3 * offset)),
                "decade" when offset == 0 => (today.Year / 10).ToString(CultureInfo.InvariantCulture) + "X",
                _ when Seasons.TryGetValue(unit, out var code) => Season(code, today, offset),
                _ => null,
            };
        }

        return MonthOrDay(words, today);
    }

    private static int? Offset(string word) => word switch
    {
        "this" => 0,
        "last" or "past" or "previous" => -1,
        "next" => 1,
        _ => null,
    };

    /// <summary>"november", "november twenty fifth", "the 25th of november", "25 november", "november 2025".</summary>
    private static string? MonthOrDay(IReadOnlyList<string> words, DateOnly today)
    {
        var rest = words.Where(w => w is not ("the" or "of")).ToList();
        var monthAt = rest.FindIndex(w => Array.IndexOf(MonthNames, w) >= 0);
        if (monthAt < 0)
        {
            return null;
        }

        var month = Array.IndexOf(MonthNames, rest[monthAt]) + 1;
        var others = rest.Where((_, i) => i != monthAt).ToList();
        if (others.Count == 0)
        {
            // Alexa leans to the future: a month already past this year is next year's.
            var year = month >= today.Month ? today.Year : today.Year + 1;
            return $"{year:D4}-{month:D2}";
        }

        if (others is [var y] && y.Length == 4 && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var explicitYear))
        {
            return $"{explicitYear:D4}-{month:D2}";
        }

        if (DayOfMonth(others) is not { } day)
        {
            return null;
        }

        var date = new DateOnly(today.Year, month, 1);
        if (day > DateTime.DaysInMonth(date.Year, month))
        {
            return null;
        }

        date = new DateOnly(today.Year, month, day);
        return Day(date < today ? date.AddYears(1) : date);
    }

    /// <summary>"25th", "25", "twenty fifth", "thirty first", "fifth".</summary>
    private static int? DayOfMonth(List<string> words)
    {
        if (words is [var only])
        {
            var digits = only.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 31)
            {
                return n;
            }

            var index = Array.IndexOf(Ordinals, only);
            return index >= 0 ? index + 1 : only == "thirtieth" ? 30 : null;
        }

        if (words is [var tens, var unit] && Array.IndexOf(Ordinals, unit) is var u and >= 0 and < 9)
        {
            return tens switch
            {
                "twenty" => 21 + u,
                "thirty" when u == 0 => 31,
                _ => null,
            };
        }

        return null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Week(DateOnly day, string suffix)
    {
        var when = day.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(when):D4}-W{ISOWeek.GetWeekOfYear(when):D2}{suffix}";
    }

    private static string Quarter(DateOnly day) => $"{day.Year:D4}-Q{((day.Month - 1) / 3) + 1}";

    /// <summary>This winter is the one under way or ahead this year; last winter the one before it; a winter starts in December.</summary>
    private static string Season(string code, DateOnly today, int offset)
    {
        var startMonth = code switch
        {
            "WI" => 12,
            "SP" => 3,
            "SU" => 6,
            _ => 9,
        };

        // The season of that name whose start is the latest on or before today, or (not yet begun) this year's.
        var year = today.Year;
        if (code == "WI" && today.Month <= 2)
        {
            year--;
        }

        var started = new DateOnly(year, startMonth, 1) <= today;
        if (offset < 0 && started && today < new DateOnly(year, startMonth, 1).AddMonths(3))
        {
            // Under way: "last winter" is the one before.
            year--;
        }
        else if (offset < 0 && !started)
        {
            year--;
        }

        return $"{year + (offset > 0 ? 1 : 0):D4}-{code}";
    }
}
