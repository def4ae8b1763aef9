using System.Globalization;
using VoicePay.Sandbox.Ledger;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>Issue 16, items 9 (understanding) and 10 (speech), on the skill's side of Alexa.</summary>
public sealed class UnderstandingAndSpeechTests : IAsyncLifetime
{
    private SkillHarness harness = null!;

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Item09_cents_alone_are_an_amount_under_one_dollar()
    {
        var response = await harness.NewConversation().SendMoney(null, "alice smith", cents: "50");

        Assert.Equal("Send $0.50 to Alice Smith from your checking account?", Speech.Of(response));
    }

    [Fact]
    public async Task Item09_cents_said_at_the_read_back_replace_the_amount_rather_than_add_to_it()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("25", "alice smith");

        Assert.Equal("Send $0.50 to Alice Smith from your checking account?", Speech.Of(await talk.SendMoney(null, null, cents: "50")));
    }

    [Theory]
    [InlineData("-5", null)]
    [InlineData(null, "-50")]
    public async Task Item09_minus_amounts_are_refused_with_words_and_asked_again(string? amount, string? cents)
    {
        var response = await harness.NewConversation().SendMoney(amount, "alice smith", cents);

        Assert.Equal("The amount has to be more than zero. How much would you like to send?", Speech.Of(response));
    }

    [Fact]
    public async Task Item09_the_alerts_pin_prompts_speak_of_alerts()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ReadAlerts);

        var help = Speech.Of(await talk.Intent(IntentNames.Help));
        var again = Speech.Of(await talk.Intent(IntentNames.Repeat));

        Assert.Contains("before I read your alerts", help, StringComparison.Ordinal);
        Assert.Equal("To read your alerts, what's your four-digit voice PIN?", again);
        Assert.DoesNotContain("accounts", help + again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item09_balance_pin_prompts_still_speak_of_accounts()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);

        Assert.Contains("before I read your accounts", Speech.Of(await talk.Intent(IntentNames.Help)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item09_after_forget_me_requests_offer_to_set_up_a_pin()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ForgetMe);
        await talk.Yes();
        await talk.Pin(SkillHarness.DemoPin);

        var answer = Speech.Of(await harness.NewConversation().Intent(IntentNames.CheckBalance));

        Assert.StartsWith("You haven't set up a voice PIN yet", answer, StringComparison.Ordinal);
        Assert.Contains("I can text a six-digit code to the mobile number your bank has on file, then you choose a PIN. Shall I text you a code?", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "demo-alice-token", "send twenty dollars to Alice Jones.")]
    [InlineData("en-GB", "demo-gbp-token", "send twenty pounds to Emma Wilson.")]
    public async Task Item10_help_suggests_one_of_the_persons_own_payees(string locale, string token, string example)
    {
        var help = Speech.Of(await harness.NewConversation(locale, token).Intent(IntentNames.Help));

        Assert.Contains(example, help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item10_help_without_known_payees_names_nobody()
    {
        var help = Speech.Of(await harness.NewConversation("en-GB", accessToken: null).Intent(IntentNames.Help));

        Assert.Contains("send twenty pounds to, and then their name", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item10_a_payment_reads_with_its_payee_and_account_not_the_banks_description()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("5", "alice smith");
        await talk.Confirm();
        await talk.Pin(SkillHarness.DemoPin);

        var reader = harness.NewConversation();
        await reader.Intent(IntentNames.RecentTransactions);
        var answer = Speech.Of(await reader.Pin(SkillHarness.DemoPin));

        var today = TransactionsReply.SpokenDate(new SpeechCatalogs().For("en-US"), harness.Time.GetUtcNow());
        Assert.Contains($"$5.00 to Alice Smith from your checking account, on {today}.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("To Alice Smith", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Voice Pay", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item10_money_in_without_a_counterparty_reads_as_what_it_is()
    {
        // The opening balances are money in that names no counterparty: asked for the day they were booked.
        var opening = harness.Bank.Ledger.GetTransactions(SkillHarness.AliceCustomer, new TransactionFilter(Text: "Opening balance"), 5).Transactions;
        var checking = Assert.Single(opening, t => t.AccountId == "acc-alice-checking");
        var day = DateOnly.FromDateTime(checking.PostedAt.UtcDateTime);
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.MoneyIn, new Dictionary<string, string?> { [SlotNames.Date] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        // Alice has four accounts, so four opening balances: read three at a time.
        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        for (var page = 2; page <= 2 && answer.EndsWith("Want to hear more?", StringComparison.Ordinal); page++)
        {
            answer += " " + Speech.Of(await talk.Yes());
        }

        var amount = MoneyText.Format(new Domain.Money(decimal.Parse(checking.Amount, CultureInfo.InvariantCulture), "USD"));
        var date = TransactionsReply.SpokenDate(new SpeechCatalogs().For("en-US"), checking.PostedAt);
        Assert.Contains($"Opening balance, {amount} into your checking account, on {date}.", answer, StringComparison.Ordinal);

        // Her only checking account is "your checking account"; one of three savings accounts goes by its name.
        Assert.Contains("into Rainy Day Savings", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("your savings account", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("from Opening balance", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item10_en_gb_reads_dates_day_first()
    {
        await using var open = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:RequiredForBalance"] = "false" });
        var newest = open.Bank.Ledger.GetTransactions("cust-oliver", new TransactionFilter(), 1).Transactions.Single();

        var answer = Speech.Of(await open.NewConversation("en-GB", "demo-gbp-token").Intent(IntentNames.RecentTransactions));

        var month = newest.PostedAt.ToString("MMMM", CultureInfo.InvariantCulture);
        Assert.Contains($", on {newest.PostedAt.Day} {month}.", answer, StringComparison.Ordinal);
        Assert.Contains("£", answer, StringComparison.Ordinal);
        Assert.DoesNotContain($"on {month} {newest.PostedAt.Day}", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "January 1st")]
    [InlineData(2, "January 2nd")]
    [InlineData(3, "January 3rd")]
    [InlineData(4, "January 4th")]
    [InlineData(11, "January 11th")]
    [InlineData(12, "January 12th")]
    [InlineData(13, "January 13th")]
    [InlineData(21, "January 21st")]
    [InlineData(22, "January 22nd")]
    [InlineData(23, "January 23rd")]
    [InlineData(31, "January 31st")]
    public void Item10_us_dates_are_month_then_ordinal_day(int day, string expected)
    {
        var date = new DateTimeOffset(2027, 1, day, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, TransactionsReply.SpokenDate(new SpeechCatalogs().For("en-US"), date));
        Assert.Equal($"{day} January", TransactionsReply.SpokenDate(new SpeechCatalogs().For("en-GB"), date));
    }
}
