using VoicePay.Simulator;

namespace VoicePay.DevLoop.Tests;

/// <summary>
/// Date words the way Alexa's AMAZON.DATE resolves them (today is Monday 7 December 2026), and the spending
/// utterances of the real interaction models heard with them.
/// </summary>
public class SpokenDatesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData("today", "2026-12-07")]
    [InlineData("yesterday", "2026-12-06")]
    [InlineData("right now", "PRESENT_REF")]
    [InlineData("this week", "2026-W50")]
    [InlineData("last week", "2026-W49")]
    [InlineData("next week", "2026-W51")]
    [InlineData("this weekend", "2026-W50-WE")]
    [InlineData("last weekend", "2026-W49-WE")]
    [InlineData("this month", "2026-12")]
    [InlineData("last month", "2026-11")]
    [InlineData("this year", "2026")]
    [InlineData("last year", "2025")]
    [InlineData("this quarter", "2026-Q4")]
    [InlineData("last quarter", "2026-Q3")]
    [InlineData("this decade", "202X")]
    [InlineData("this winter", "2026-WI")]
    [InlineData("last winter", "2025-WI")]
    [InlineData("last summer", "2026-SU")]
    [InlineData("november", "2027-11")]
    [InlineData("december", "2026-12")]
    [InlineData("november 2025", "2025-11")]
    [InlineData("november twenty fifth", "2027-11-25")]
    [InlineData("the 25th of december", "2026-12-25")]
    [InlineData("3 december", "2027-12-03")]
    [InlineData("recently", null)]
    [InlineData("next tuesday", null)]
    [InlineData("november thirty first", null)]
    public void Resolves_as_alexa_does(string words, string? value) =>
        Assert.Equal(value, SpokenDates.Resolve(words.Split(' '), Today));

    [Theory]
    [InlineData("how much did i spend at starbucks last month", "SpendingIntent", "Starbucks", "2026-11")]
    [InlineData("what did i spend this week", "SpendingIntent", null, "2026-W50")]
    [InlineData("how much did i get from acme payroll in november", "MoneyInIntent", "Acme Payroll", "2027-11")]
    [InlineData("did my rent payment go through", "LastPaymentIntent", "Rent", null)]
    [InlineData("when did i last pay mary", "LastPaymentIntent", "mary", null)]
    [InlineData("what did i spend yesterday", "SpendingIntent", null, "2026-12-06")]
    public void Spending_questions_are_heard_with_their_merchant_and_date(string utterance, string intent, string? merchant, string? date)
    {
        var heard = new UtteranceResolver(Model.Load(), Model.SkillId, new FixedClock(Today)).Resolve(utterance);

        Assert.Equal(intent, heard.IntentName);
        var slot = heard.Slots["Merchant"];
        Assert.Equal(merchant, slot.Resolutions?.ResolutionsPerAuthority.SelectMany(a => a.Values ?? []).Select(v => v.Value?.Name).FirstOrDefault() ?? slot.Value);
        Assert.Equal(date, heard.Value("Date"));
    }

    [Fact]
    public void Recently_stays_the_recent_transactions_question() =>
        Assert.Equal("RecentTransactionsIntent", new UtteranceResolver(Model.Load(), Model.SkillId, new FixedClock(Today)).Resolve("what did i spend recently").IntentName);

    private sealed class FixedClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}
