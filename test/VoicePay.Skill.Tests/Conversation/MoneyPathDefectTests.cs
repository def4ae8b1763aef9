using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Each defect an independent check found on the money path, replayed in the words a person
/// would say. The ledger of the sandbox bank is the judge of what moved.
/// </summary>
public sealed class MoneyPathDefectTests
{
    private static async Task<(SkillHarness Harness, BankFaults Bank, StoreFaults Store)> StartAsync()
    {
        var bank = new BankFaults();
        var store = new StoreFaults();
        var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => new FaultyBank(inner, bank), configure: store.Install);
        return (harness, bank, store);
    }

    [Theory]
    [InlineData(BankFault.Unreachable)]
    [InlineData(BankFault.Unauthorized)]
    [InlineData(BankFault.ServerError)]
    [InlineData(BankFault.TimeoutBeforeCommit)]
    public async Task Defect_1_a_lost_reply_then_an_unreachable_bank_never_pays_twice(BankFault atNextLaunch)
    {
        var (harness, bank, _) = await StartAsync();
        await using var _h = harness;
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        bank.Transfers = BankFault.TimeoutAfterCommit;
        Assert.StartsWith("I couldn't confirm whether your payment of $20.00 to Alice Smith went through, so please don't send it again.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);

        // Next launch: the bank cannot answer. That settles nothing.
        bank.Transfers = atNextLaunch;
        var launch = Speech.Of(await harness.NewConversation().Launch());
        Assert.StartsWith("I still can't confirm whether your last payment went through, so please don't send it again.", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("no money was moved", launch, StringComparison.Ordinal);

        // The person asks again: refused, with the reason, while the first is in doubt.
        var again = harness.NewConversation();
        Assert.StartsWith("I still can't confirm your earlier payment of $20.00 to Alice Smith, so please don't send it again.", Speech.Of(await again.SendMoney("20", "alice smith")), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        // The bank is back: the next launch settles it, by reading the same key.
        bank.Transfers = BankFault.None;
        Assert.StartsWith("About your last payment: it went through. Welcome", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task Defect_1_a_transfer_that_never_reached_the_bank_is_sent_once_when_settled()
    {
        var (harness, bank, _) = await StartAsync();
        await using var _h = harness;
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        bank.Transfers = BankFault.TimeoutBeforeCommit;
        Assert.StartsWith("I couldn't confirm", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());

        bank.Transfers = BankFault.None;
        Assert.StartsWith("About your last payment: it went through.", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        Assert.StartsWith("Welcome", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Theory]
    [InlineData(nameof(IUserStateStore.SaveConversationAsync))]
    [InlineData(nameof(ITransferJournal.AdvanceAsync))]
    public async Task Defect_2_a_store_failure_after_the_bank_accepted_still_says_it_was_sent(string failing)
    {
        var (harness, _, store) = await StartAsync();
        await using var _h = harness;
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        store.Arm(failing);
        var answer = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.Equal(1, store.Failures);
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("no money was moved", answer, StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        // Whatever the person says next in that session, the payment is not sent again, nor denied.
        var next = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.DoesNotContain("othing was sent", next, StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_2_a_store_failure_before_the_bank_is_called_says_nothing_moved()
    {
        var (harness, _, store) = await StartAsync();
        await using var _h = harness;
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        store.Arm(nameof(ITransferJournal.BeginAsync));
        Assert.StartsWith("Sorry, something went wrong on my side, and no money was moved.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_3_no_at_the_pin_prompt_cancels_the_payment()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Confirm()));

        Assert.StartsWith("Okay, I've cancelled the payment to Alice Smith. Nothing was sent.", Speech.Of(await talk.No()), StringComparison.Ordinal);
        Assert.StartsWith("There's nothing waiting for your PIN", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_4_a_balance_question_at_the_pin_prompt_says_the_payment_is_cancelled()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        var switched = Speech.Of(await talk.Intent(IntentNames.CheckBalance));
        Assert.Equal("Okay, I've cancelled the payment to Alice Smith. Nothing was sent. For your security, what's your four-digit voice PIN?", switched);

        var balance = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.Contains("available", balance, StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_5_a_pin_said_at_the_read_back_asks_for_a_yes_and_the_conversation_goes_on()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");

        var first = await talk.Pin(SkillHarness.DemoPin);
        Assert.Equal("Before I ask for your PIN, I need a yes. Send $20.00 to Alice Smith from your checking account?", Speech.Of(first));
        Assert.IsType<DialogConfirmIntentDirective>(Assert.Single(first.Response.Directives!));
        Assert.Empty((await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None))!.Attempts.Claims);

        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Yes()));
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_6_asking_to_send_more_than_the_balance_never_tells_the_balance_before_the_pin()
    {
        await using var harness = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Limits:PerTransfer"] = "9000", ["VoicePay:Limits:Daily"] = "9000" });

        var probe = Speech.Of(await harness.NewConversation().SendMoney("5000", "alice smith"));

        Assert.Equal("Send $5,000.00 to Alice Smith from your checking account?", probe);
        Assert.DoesNotContain("$", probe.Replace("$5,000.00", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the first one", 0)]
    [InlineData("the second one", 1)]
    [InlineData("second", 1)]
    [InlineData("the last one", 1)]
    public async Task Defect_7_which_alice_can_be_answered_by_position(string answer, int position)
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        var question = Speech.Of(await talk.SendMoney("20", "alice"));
        var offered = System.Text.RegularExpressions.Regex.Match(question, "^Did you mean (Alice \\w+) or (Alice \\w+)\\?$");
        Assert.True(offered.Success, question);

        var readBack = Speech.Of(await talk.Answer(answer));

        Assert.Equal($"Send $20.00 to {offered.Groups[position + 1].Value} from your checking account?", readBack);
    }

    [Fact]
    public async Task Defect_7_yes_to_which_alice_asks_again_by_position_and_a_name_still_works()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        var question = Speech.Of(await talk.SendMoney("20", "alice"));
        var offered = System.Text.RegularExpressions.Regex.Match(question, "^Did you mean (Alice \\w+) or (Alice \\w+)\\?$");

        // Alexa may send "yes" as the elicited slot's value, or as AMAZON.YesIntent.
        var again = $"Which one? Say the first one for {offered.Groups[1].Value} or the second one for {offered.Groups[2].Value}.";
        Assert.Equal(again, Speech.Of(await talk.Answer("yes")));
        Assert.Equal(again, Speech.Of(await talk.Yes()));

        Assert.Equal("Send $20.00 to Alice Jones from your checking account?", Speech.Of(await talk.Answer("jones")));
    }

    [Fact]
    public async Task Defect_9_a_retried_request_counts_as_one_pin_attempt()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        var wrong = Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = "1111" });
        Assert.Equal("That PIN didn't match. You have 2 more tries. What's your voice PIN?", Speech.Of(await talk.Send(wrong)));

        // Lambda or Alexa retries the same request (same request id): it is not another attempt.
        Assert.Equal("That PIN didn't match. You have 2 more tries. What's your voice PIN?", Speech.Of(await talk.Send(wrong)));
        Assert.StartsWith("That PIN didn't match. You have one more try", Speech.Of(await talk.Pin("2222")), StringComparison.Ordinal);
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defect_9_correct_pins_arriving_together_send_once_and_never_say_locked()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        await talk.Pin("1111");
        await talk.Pin("2222");

        // Two wrong PINs already: three correct ones arrive at once (a person repeating, a retry).
        var answers = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => talk.Pin(SkillHarness.DemoPin)))).Select(Speech.Of).ToList();

        Assert.All(answers, a => Assert.DoesNotContain("locked", a, StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith("Done. I sent $20.00 to Alice Smith.", StringComparison.Ordinal));
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task Defect_10_the_lockout_during_a_balance_check_does_not_talk_about_sending()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        await talk.Pin("1111");
        await talk.Pin("2222");

        var locked = Speech.Of(await talk.Pin("3333"));

        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so I can't read your accounts.", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("sent", locked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeat_and_help_at_each_step_keep_the_payment_and_say_where_it_stands()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");

        Assert.Equal("Send $20.00 to Alice Smith from your checking account?", Speech.Of(await talk.Intent(IntentNames.Repeat)));
        Assert.StartsWith("I'm waiting for you to confirm a payment. Send $20.00 to Alice Smith", Speech.Of(await talk.Intent(IntentNames.Help)), StringComparison.Ordinal);
        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Yes()));
        Assert.Equal("To send $20.00 to Alice Smith, what's your four-digit voice PIN?", Speech.Of(await talk.Intent(IntentNames.Repeat)));
        Assert.StartsWith("Your voice PIN is the four-digit code", Speech.Of(await talk.Intent(IntentNames.Help)), StringComparison.Ordinal);
        Assert.Equal("To send $20.00 to Alice Smith, what's your four-digit voice PIN?", Speech.Of(await talk.Intent(IntentNames.Fallback)));
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payee_named_before_the_amount_is_remembered_while_the_amount_is_asked_for()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();

        var ask = await talk.SendMoney(null, "john miller");
        Assert.Equal("How much would you like to send?", Speech.Of(ask));

        // The elicitation carries the payee back to Alexa, and the skill keeps it too.
        var elicit = Assert.IsType<DialogElicitSlotDirective>(Assert.Single(ask.Response.Directives!));
        Assert.Equal("john miller", elicit.UpdatedIntent!.Slots[SlotNames.Payee].Value);
        Assert.Equal("Send $75.00 to John Miller from your checking account?", Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = "75" })));
    }

    [Fact]
    public async Task A_correction_at_the_read_back_changes_one_part_and_reads_back_again()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("12", "alice smith", cents: "50");

        // "Make it ten dollars": only the amount changes (and its cents with it).
        Assert.Equal("Send $10.00 to Alice Smith from your checking account?", Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = "10" })));

        // "No, to John Miller": only the payee changes.
        Assert.Equal("Send $10.00 to John Miller from your checking account?", Speech.Of(await talk.Answer("john miller")));

        await talk.Yes();
        await talk.Pin(SkillHarness.DemoPin);
        var sent = Assert.Single(harness.Bank.Ledger.Transfers());
        Assert.Equal(("payee-john-miller", 10.00m), (sent.PayeeId, sent.Amount));
    }
}
