using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>Balances and transactions read from the sandbox bank, behind the voice PIN.</summary>
public sealed class AccountConversationTests : IAsyncLifetime
{
    private SkillHarness harness = null!;

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Balance_asks_for_the_pin_first_then_reads_every_account()
    {
        var talk = harness.NewConversation();

        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Intent(IntentNames.CheckBalance)));
        var balance = await talk.Pin(SkillHarness.DemoPin);

        Assert.Equal(
            "Here are your balances. Everyday Checking ending in 4821: $4,209.27 available. College Fund ending in 3156: $8,000.00 available. Rainy Day Savings ending in 9034: $12,262.04 available. Vacation Savings ending in 7710: $3,400.00 available. Anything else?",
            Speech.Of(balance));
        var card = Assert.IsType<SimpleCard>(balance.Response.Card);
        Assert.Contains("Everyday Checking ••4821: $4,209.27 available", card.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("000123454821", card.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_pin_is_not_asked_again_within_the_window_but_is_after_it()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        await talk.Pin(SkillHarness.DemoPin);

        var checking = await talk.Intent(IntentNames.CheckBalance, new Dictionary<string, string?> { [SlotNames.Account] = "checking" });
        Assert.Equal("Your checking account ending in 4821 has $4,209.27 available. Anything else?", Speech.Of(checking));

        harness.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Intent(IntentNames.CheckBalance)));
    }

    [Fact]
    public async Task A_verified_pin_does_not_carry_over_to_another_session()
    {
        var first = harness.NewConversation();
        await first.Intent(IntentNames.CheckBalance);
        await first.Pin(SkillHarness.DemoPin);

        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await harness.NewConversation().Intent(IntentNames.CheckBalance)));
    }

    [Fact]
    public async Task Recent_transactions_default_to_three_newest_first()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.RecentTransactions);
        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        // The bank's three newest entries, each read with its amount and who was paid or paid.
        Assert.StartsWith("Here are your last 3 transactions.", answer, StringComparison.Ordinal);
        foreach (var entry in harness.Bank.Ledger.GetTransactions(SkillHarness.AliceCustomer, new Sandbox.Ledger.TransactionFilter(), 3).Transactions)
        {
            var amount = decimal.Parse(entry.Amount, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(Skill.Speech.MoneyText.Format(new Domain.Money(Math.Abs(amount), "USD")), answer, StringComparison.Ordinal);
            Assert.Contains(entry.Counterparty ?? entry.Description, answer, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1", "Here is your last transaction.")]
    [InlineData("50", "Here are your last 3 transactions.")]
    [InlineData("?", "Here are your last 3 transactions.")]
    public async Task Recent_transactions_take_a_sensible_count(string count, string intro)
    {
        await using var open = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:RequiredForBalance"] = "false" });

        var answer = await open.NewConversation().Intent(IntentNames.RecentTransactions, new Dictionary<string, string?> { [SlotNames.Count] = count });

        Assert.StartsWith(intro, Speech.Of(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_without_pin_when_configured_and_british_pounds()
    {
        await using var open = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:RequiredForBalance"] = "false" });

        var answer = await open.NewConversation(locale: "en-GB", accessToken: "demo-gbp-token")
            .Intent(IntentNames.CheckBalance, new Dictionary<string, string?> { [SlotNames.Account] = "current account" });

        Assert.Equal("Your current account ending in 2345 has £3,276.55 available. Anything else?", Speech.Of(answer));
    }

    [Fact]
    public async Task No_linked_account_gets_the_link_account_card()
    {
        var answer = await harness.NewConversation(accessToken: null).Intent(IntentNames.CheckBalance);

        Assert.Equal("To use Voice Pay, please link your bank account in the Alexa app. I've sent a card to help.", Speech.Of(answer));
        Assert.IsType<LinkAccountCard>(answer.Response.Card);
        Assert.True(answer.Response.ShouldEndSession);
    }

    [Fact]
    public async Task An_unreachable_bank_is_said_truthfully()
    {
        await using var offline = await SkillHarness.StartAsync(new Dictionary<string, string?>
        {
            ["VoicePay:Pin:RequiredForBalance"] = "false",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/",
        });

        var answer = await offline.NewConversation().Intent(IntentNames.CheckBalance);

        Assert.Equal("I couldn't reach your bank just now, so nothing has changed. Please try again in a moment.", Speech.Of(answer));
    }

    [Fact]
    public async Task Launch_teaches_alexa_the_persons_payees()
    {
        var launch = await harness.NewConversation().Launch();

        var entities = Assert.IsType<DialogUpdateDynamicEntitiesDirective>(Assert.Single(launch.Response.Directives!));
        var payees = Assert.Single(entities.Types!);
        Assert.Equal(SlotTypeNames.Payee, payees.Name);
        Assert.Contains(payees.Values, v => v.Id == "payee-mom" && v.Name.Value == "Mary Johnson" && v.Name.Synonyms!.Contains("Mom"));
        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(launch), StringComparison.Ordinal);
    }
}
