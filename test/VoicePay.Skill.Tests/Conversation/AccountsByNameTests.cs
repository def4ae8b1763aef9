using System.Globalization;
using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Accounts by name or last four (issue 19, item 1), through the real composition root against the sandbox bank: Alice
/// has Everyday Checking ••4821 and three savings accounts (College Fund ••3156, Rainy Day Savings ••9034, Vacation
/// Savings ••7710, also called "vacation fund"). Nothing account-derived is said before the PIN; the ledger is the judge.
/// </summary>
public sealed class AccountsByNameTests : IAsyncLifetime
{
    // Everything that only the bank's accounts can produce: names and last fours.
    private static readonly string[] AccountDerived = ["Everyday", "College", "Rainy", "Vacation", "4821", "3156", "9034", "7710", "couldn't find"];

    private SkillHarness harness = null!;

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task What_accounts_do_I_have_reads_names_and_last_four_three_at_a_time_after_the_pin()
    {
        var talk = harness.NewConversation();
        var asked = Speech.Of(await talk.Intent(IntentNames.ListAccounts));
        Assert.Equal("For your security, what's your four-digit voice PIN?", asked);

        var first = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.Equal(
            "You have 4 accounts. Everyday Checking, ending in 4821. College Fund, ending in 3156. Rainy Day Savings, ending in 9034. Want to hear more?",
            first);
        Assert.Equal("Vacation Savings, ending in 7710. Anything else?", Speech.Of(await talk.Yes()));
    }

    [Theory]
    [InlineData(SlotNames.LastFour, "4821", "Everyday Checking, ending in 4821, has $4,209.27 available.")]
    [InlineData(SlotNames.AccountName, "vacation savings", "Vacation Savings, ending in 7710, has $3,400.00 available.")]
    [InlineData(SlotNames.AccountName, "my vacation fund", "Vacation Savings, ending in 7710, has $3,400.00 available.")]
    [InlineData(SlotNames.Account, "rainy day", "Rainy Day Savings, ending in 9034, has $12,262.04 available.")]
    [InlineData(SlotNames.LastFour, "1111", "I couldn't find an account ending in those four digits.")]
    [InlineData(SlotNames.AccountName, "brokerage", "I couldn't find an account called brokerage.")]
    public async Task A_balance_by_name_or_last_four_is_looked_up_only_after_the_pin(string slot, string value, string expected)
    {
        var talk = harness.NewConversation();
        var before = Speech.Of(await talk.Intent(IntentNames.CheckBalance, new Dictionary<string, string?> { [slot] = value }));
        Assert.DoesNotContain(AccountDerived, w => before.Contains(w, StringComparison.Ordinal));

        Assert.StartsWith(expected, Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_resolved_by_alexa_is_a_kind_not_a_name()
    {
        // "rainy day fund" is a synonym of savings in ACCOUNT_TYPE: Alexa resolves it, and every savings account is read.
        var talk = harness.NewConversation();
        var request = Envelopes.Intent(IntentNames.CheckBalance, new Dictionary<string, string?> { [SlotNames.Account] = "rainy day fund" }, sessionId: talk.SessionId);
        ((Alexa.Requests.IntentRequest)request.Request).Intent.Slots[SlotNames.Account].Resolutions = new Alexa.Requests.Resolutions
        {
            ResolutionsPerAuthority =
            [
                new Alexa.Requests.ResolutionAuthority
                {
                    Authority = "amzn1.er-authority.echo-sdk.skill.ACCOUNT_TYPE",
                    Status = new Alexa.Requests.ResolutionStatus { Code = Alexa.Requests.ResolutionStatusCodes.Match },
                    Values = [new Alexa.Requests.ResolutionValueWrapper { Value = new Alexa.Requests.ResolvedValue { Name = "savings", Id = "SAVINGS" } }],
                },
            ],
        };
        await talk.Send(request);

        Assert.Contains("$12,262.04", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Savings_by_balance_reads_every_savings_account()
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance, new Dictionary<string, string?> { [SlotNames.AccountName] = "savings" });

        var said = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.Contains("College Fund ending in 3156", said, StringComparison.Ordinal);
        Assert.Contains("Vacation Savings ending in 7710", said, StringComparison.Ordinal);
        Assert.DoesNotContain("4821", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_from_a_named_account_asks_the_pin_first_then_reads_back_that_account_and_pays_from_it()
    {
        var talk = harness.NewConversation();
        var before = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?>
        {
            [SlotNames.Amount] = "20",
            [SlotNames.Payee] = "alice smith",
            [SlotNames.AccountName] = "vacation savings",
        }));
        Assert.Equal("To use the account you named, I need your voice PIN first. What's your four-digit voice PIN?", before);

        Assert.Equal("Send $20.00 to Alice Smith from Vacation Savings, ending in 7710?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(await talk.Confirm()), StringComparison.Ordinal);

        Assert.Equal(3_380.00m, Available("acc-alice-vacation"));
        Assert.Equal(4_209.27m, Available("acc-alice-checking"));
    }

    [Fact]
    public async Task Savings_for_a_payment_is_asked_about_after_the_pin_and_the_last_four_answer_chooses()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("15", "john miller", account: "savings");

        var asked = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.Equal(
            "Which account should I pay from: College Fund, ending in 3156, Rainy Day Savings, ending in 9034 or Vacation Savings, ending in 7710?",
            asked);

        // Four digits said here are the account's: never compared as a PIN, never a PIN attempt.
        var again = Speech.Of(await talk.Pin("9034"));
        Assert.StartsWith("Which account should I pay from? Say its name or its last four digits", again, StringComparison.Ordinal);

        var readBack = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.LastFour] = "9034" }));
        Assert.Equal("Send $15.00 to John Miller from Rainy Day Savings, ending in 9034?", readBack);

        // A new amount at the read-back arrives with the account slot Alexa carries back ("savings"): the choice stands.
        var corrected = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = "15", [SlotNames.Payee] = "john miller", [SlotNames.Account] = "savings" }));
        Assert.Equal("Send $15.00 to John Miller from Rainy Day Savings, ending in 9034?", corrected);
        await talk.Confirm();
        Assert.Equal(12_247.04m, Available("acc-alice-savings"));
    }

    [Fact]
    public async Task An_account_matching_none_is_said_after_the_pin_and_every_account_is_offered()
    {
        var talk = harness.NewConversation();
        var before = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?>
        {
            [SlotNames.Amount] = "5",
            [SlotNames.Payee] = "mom",
            [SlotNames.LastFour] = "1111",
        }));
        Assert.DoesNotContain(AccountDerived, w => before.Contains(w, StringComparison.Ordinal));

        var asked = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.StartsWith("I couldn't find an account ending in those four digits. Which account should I pay from: Everyday Checking, ending in 4821,", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", asked, StringComparison.Ordinal);

        // Alexa's answer to the elicitation carries the amount and payee the skill sent back with it: not a new request.
        Assert.Equal(
            "Send $5.00 to Mary Johnson from Everyday Checking, ending in 4821?",
            Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?>
            {
                [SlotNames.Amount] = "5",
                [SlotNames.Payee] = "mom",
                [SlotNames.Account] = "the first one",
            })));
    }

    [Fact]
    public async Task No_while_choosing_the_account_cancels_with_words_and_moves_nothing()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("15", "john miller", account: "savings");
        await talk.Pin(SkillHarness.DemoPin);

        Assert.StartsWith("Okay, I've cancelled that payment. Nothing was sent.", Speech.Of(await talk.No()), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task A_wrong_pin_before_the_lookup_says_nothing_of_the_account()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("15", "john miller", account: "savings");

        var wrong = Speech.Of(await talk.Pin("9999"));

        Assert.StartsWith("That PIN didn't match.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountDerived, w => wrong.Contains(w, StringComparison.Ordinal));
        Assert.Contains("I need it before I look up the account you named", Speech.Of(await talk.Intent(IntentNames.Help)), StringComparison.Ordinal);
    }

    private decimal Available(string accountId) =>
        decimal.Parse(harness.Bank.Ledger.GetAccounts(SkillHarness.AliceCustomer).Single(a => a.Id == accountId).AvailableBalance, CultureInfo.InvariantCulture);
}

/// <summary>The rows of the account phases: nothing there compares a PIN it was not asked for, or holds a confirmed action.</summary>
public sealed class AccountPhaseRowTests
{
    [Fact]
    public void Four_digits_said_while_choosing_an_account_are_never_compared_as_a_pin()
    {
        Assert.Equal(Step.ChooseAccountAgain, ConversationTable.Next(Phase.ChoosingAccount, Input.Pin));
        Assert.Equal(Step.CheckPin, ConversationTable.Next(Phase.PinForAccountLookup, Input.Pin));
    }

    [Fact]
    public void The_account_phases_hold_no_confirmed_action_and_every_way_out_cancels_the_payment_with_words()
    {
        foreach (var phase in new[] { Phase.PinForAccountLookup, Phase.ChoosingAccount })
        {
            Assert.False(ConversationTable.HoldsConfirmedAction(phase));
            Assert.Equal(Step.CancelPayment, ConversationTable.Next(phase, Input.No));
            Assert.Equal(Step.CancelPaymentAndEnd, ConversationTable.Next(phase, Input.Cancel));
            Assert.Equal(Step.CancelPaymentThen, ConversationTable.Next(phase, Input.AccountQuestion));
            Assert.Equal(Step.CancelPaymentThen, ConversationTable.Next(phase, Input.ForgetMe));
        }
    }

    [Fact]
    public void A_payment_naming_its_account_can_end_waiting_for_the_pin_or_the_choice_wherever_one_is_gathered()
    {
        foreach (var row in ConversationTable.All.Where(r => r.Step is Step.Collect or Step.AskAgain or Step.Choose or Step.ChooseAccount))
        {
            Assert.Contains(Phase.PinForAccountLookup, row.To);
            Assert.Contains(Phase.ChoosingAccount, row.To);
        }
    }
}
