using System.Globalization;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Spending questions (issue 19 item 2) against the sandbox's seeded history, behind the voice PIN. Expected totals
/// are worked out from the seed's own habits for today, so they follow the calendar like the books do.
/// </summary>
public sealed class SpendingConversationTests : IAsyncLifetime
{
    private SkillHarness harness = null!;

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(harness.Time.GetUtcNow().UtcDateTime);

    private DateOnly LastMonth => new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);

    [Theory]
    [InlineData(Phase.Idle, Step.AskSpending)]
    [InlineData(Phase.PinForAccounts, Step.AskSpending)]
    [InlineData(Phase.Listing, Step.AskSpending)]
    [InlineData(Phase.ReadBack, Step.CancelPaymentThen)]
    [InlineData(Phase.PinForPayment, Step.CancelPaymentThen)]
    [InlineData(Phase.PinForForget, Step.KeepDataThen)]
    [InlineData(Phase.Sending, Step.ReportOutcome)]
    public void A_spending_question_has_its_row_in_every_phase(Phase phase, Step step) =>
        Assert.Equal(step, ConversationTable.Next(phase, Input.SpendingQuestion));

    [Theory]
    [InlineData(IntentNames.Spending)]
    [InlineData(IntentNames.MoneyIn)]
    [InlineData(IntentNames.LastPayment)]
    public void Each_spending_intent_is_a_spending_question(string intent) =>
        Assert.Contains(intent, ConversationInputs.Intents);

    [Fact]
    public async Task Spending_waits_for_the_pin_even_where_balances_do_not()
    {
        await using var open = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:RequiredForBalance"] = "false" });

        var asked = Speech.Of(await open.NewConversation().Intent(IntentNames.Spending, Slots("starbucks", "PRESENT_REF")));

        Assert.Equal("For your security, what's your four-digit voice PIN?", asked);
    }

    [Fact]
    public async Task Spending_at_a_merchant_last_month_says_the_total_and_reads_every_match_three_at_a_time()
    {
        var expected = Alice().Where(t => t.Counterparty == "Starbucks" && InMonth(t, LastMonth)).ToList();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.Spending, Slots("starbucks", LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

        var first = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        var total = MoneyText.Format(new Money(-expected.Sum(t => t.Amount), "USD"));
        Assert.StartsWith($"You spent {total} at Starbucks last month, in {expected.Count} payments. Here are the latest 3.", first, StringComparison.Ordinal);
        Assert.EndsWith("Want to hear more?", first, StringComparison.Ordinal);
        var heard = first;
        for (var page = first; page.EndsWith("Want to hear more?", StringComparison.Ordinal);)
        {
            page = Speech.Of(await talk.Yes());
            heard += " " + page;
        }

        Assert.Equal(expected.Count, CountOf(heard, " to Starbucks from your checking account, on "));
        Assert.EndsWith("Anything else?", heard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Money_in_from_a_payer_in_a_month_is_totalled()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.MoneyIn, Slots("acme payroll", LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.StartsWith("You received $3,300.00 from Acme Payroll last month, in 2 payments. Here are the latest 2.", answer, StringComparison.Ordinal);
        Assert.Contains("$1,650.00 from Acme Payroll into your checking account, on " + SpokenUs(new DateOnly(LastMonth.Year, LastMonth.Month, 15)), answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_did_i_last_pay_a_payee_names_the_payee_the_nickname_stands_for()
    {
        var last = Alice().Last(t => t.Counterparty == "Mary Johnson");
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.LastPayment, Slots("mom", null));

        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.Equal($"You last paid Mary Johnson {Day(last.PostedAt)}: $75.00 from your checking account. Anything else?", answer);
    }

    [Fact]
    public async Task Did_my_rent_go_through_names_the_payment_and_who_was_paid()
    {
        var last = Alice().Last(t => t.Description == "Rent");
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.LastPayment, Slots("rent", null));

        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.Equal($"Your last rent payment was $1,450.00 to Parkview Properties from your checking account, {Day(last.PostedAt)}. Anything else?", answer);
    }

    [Fact]
    public async Task A_payment_made_today_is_the_last_payment()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("5", "alice smith");
        await talk.Confirm();
        await talk.Pin(SkillHarness.DemoPin);

        var answer = Speech.Of(await talk.Intent(IntentNames.LastPayment, Slots("alice smith", null)));

        Assert.Equal("You last paid Alice Smith today: $5.00 from your checking account. Anything else?", answer);
    }

    [Fact]
    public async Task Nothing_spent_is_said_plainly()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.Spending, Slots("zebediah's", LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

        Assert.Equal("You didn't spend anything at zebediah's last month. Anything else?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
    }

    [Fact]
    public async Task What_did_i_spend_this_week_counts_every_payment_out_of_this_week()
    {
        var monday = Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));
        var week = System.Globalization.ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue));
        var expected = Alice().Where(t => t.Amount < 0 && t.AccountId == "acc-alice-checking" && DateOnly.FromDateTime(t.PostedAt.UtcDateTime) >= monday).ToList();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.Spending, Slots(null, $"{System.Globalization.ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue)):D4}-W{week:D2}"));

        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.StartsWith(
            expected.Count == 0 ? "You didn't spend anything this week."
                : $"You spent {MoneyText.Format(new Money(-expected.Sum(t => t.Amount), "USD"))} this week, in {(expected.Count == 1 ? "one payment" : expected.Count + " payments")}.",
            answer,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("next tuesday", "Sorry, I didn't catch when.")]
    [InlineData("2099-W01", "I can only tell you about payments that have already happened.")]
    public async Task Dates_that_cannot_be_answered_are_refused_before_the_pin_and_nothing_is_read(string date, string words)
    {
        var talk = harness.NewConversation();

        var answer = Speech.Of(await talk.Intent(IntentNames.Spending, Slots("starbucks", date)));

        Assert.StartsWith(words, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("PIN", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_linked_account_it_asks_to_link_and_reads_nothing()
    {
        var answer = await harness.NewConversation(accessToken: null).Intent(IntentNames.LastPayment, Slots("rent", null));

        Assert.StartsWith("To use Voice Pay, please link your bank account", Speech.Of(answer), StringComparison.Ordinal);
        Assert.True(answer.Response.ShouldEndSession);
    }

    [Fact]
    public async Task No_at_the_pin_prompt_drops_the_question()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.Spending, Slots("starbucks", null));

        Assert.Equal("Okay. Anything else?", Speech.Of(await talk.No()));
        Assert.Equal("There's nothing waiting for your PIN right now. What would you like to do?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
    }

    [Fact]
    public async Task En_gb_reads_pounds_and_dates_day_first()
    {
        var expected = SeedHistory.For(SandboxSeed.Customers.Single(c => c.Id == "cust-oliver"), Today).Where(t => t.Counterparty == "Starbucks" && InMonth(t, LastMonth)).ToList();
        var talk = harness.NewConversation("en-GB", "demo-gbp-token");
        await talk.Intent(IntentNames.Spending, Slots("starbucks", LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)));

        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        var newest = DateOnly.FromDateTime(expected[^1].PostedAt.UtcDateTime);
        Assert.StartsWith($"You spent {MoneyText.Format(new Money(-expected.Sum(t => t.Amount), "GBP"))} at Starbucks last month", answer, StringComparison.Ordinal);
        Assert.Contains($"to Starbucks from your current account, on {newest.Day} {newest.ToString("MMMM", CultureInfo.InvariantCulture)}.", answer, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Slots(string? merchant, string? date) => new() { [SlotNames.Merchant] = merchant, [SlotNames.Date] = date };

    private IReadOnlyList<SeedTransaction> Alice() => SeedHistory.For(SandboxSeed.Customers.Single(c => c.Id == SkillHarness.AliceCustomer), Today);

    private static bool InMonth(SeedTransaction t, DateOnly month) => t.PostedAt.Year == month.Year && t.PostedAt.Month == month.Month;

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static string SpokenUs(DateOnly day) =>
        TransactionsReply.SpokenDate(new SpeechCatalogs().For("en-US"), new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private string Day(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day == Today.AddDays(-1) ? "yesterday" : "on " + SpokenUs(day);
    }
}
