using System.Globalization;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// The dates of a spending question said back the way a person would: "last month", "this week", "in November
/// 2025", "on December 5th" (en-GB "on 5 December"), "in the last 30 days" when none were said. Relative words are
/// worked out against today, so an answer read the next day still says what it means.
/// </summary>
public static class SpendingPeriodText
{
    public static string Say(SpeechCatalog speech, SpendingQuestion asked, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(asked);
        if (asked is not { From: { } from, Span: { } span })
        {
            return speech.Text(asked.Kind == SpendingKind.LastPayment ? SpeechKeys.SpendingPastYear : SpeechKeys.SpendingRecent);
        }

        var year = from.Year.ToString(CultureInfo.InvariantCulture);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return span switch
        {
            DateSpan.Day => Day(speech, from, today),
            DateSpan.Week when from == thisMonday => speech.Text(SpeechKeys.SpendingThisWeek),
            DateSpan.Week when from == thisMonday.AddDays(-7) => speech.Text(SpeechKeys.SpendingLastWeek),
            DateSpan.Week => speech.Text(SpeechKeys.SpendingWeekOf, Date(speech, from)),
            DateSpan.Weekend when from == thisMonday.AddDays(5) => speech.Text(SpeechKeys.SpendingThisWeekend),
            DateSpan.Weekend when from == thisMonday.AddDays(-2) => speech.Text(SpeechKeys.SpendingLastWeekend),
            DateSpan.Weekend => speech.Text(SpeechKeys.SpendingWeekendOf, Date(speech, from)),
            DateSpan.Month when from.Year == today.Year && from.Month == today.Month => speech.Text(SpeechKeys.SpendingThisMonth),
            DateSpan.Month when from == new DateOnly(today.Year, today.Month, 1).AddMonths(-1) => speech.Text(SpeechKeys.SpendingLastMonth),
            DateSpan.Month => speech.Text(SpeechKeys.SpendingInMonth, MonthName(from) + (from.Year == today.Year ? string.Empty : " " + year)),
            DateSpan.Quarter => speech.Text(SpeechKeys.SpendingQuarter, speech.Text(SpeechKeys.SpendingOrdinals).Split(',')[(from.Month - 1) / 3], year),
            DateSpan.Season => speech.Text(SpeechKeys.SpendingSeason, speech.Text(SpeechKeys.SpendingSeasons).Split(',')[SeasonIndex(from.Month)], year),
            DateSpan.Year when from.Year == today.Year => speech.Text(SpeechKeys.SpendingThisYear),
            DateSpan.Year when from.Year == today.Year - 1 => speech.Text(SpeechKeys.SpendingLastYear),
            DateSpan.Year => speech.Text(SpeechKeys.SpendingInYear, year),
            _ => speech.Text(SpeechKeys.SpendingDecade, year),
        };
    }

    /// <summary>"today", "yesterday", or "on December 5th" ("on 5 December").</summary>
    public static string Day(SpeechCatalog speech, DateOnly day, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(speech);
        return day == today ? speech.Text(SpeechKeys.SpendingToday)
            : day == today.AddDays(-1) ? speech.Text(SpeechKeys.SpendingYesterday)
            : speech.Text(SpeechKeys.SpendingOnDay, Date(speech, day));
    }

    private static string Date(SpeechCatalog speech, DateOnly day) =>
        TransactionsReply.SpokenDate(speech, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static string MonthName(DateOnly day) => day.ToString("MMMM", CultureInfo.InvariantCulture);

    // Winter, spring, summer, autumn: the order of the locale's Spending.Seasons list.
    private static int SeasonIndex(int firstMonth) => firstMonth switch
    {
        12 => 0,
        3 => 1,
        6 => 2,
        _ => 3,
    };
}
