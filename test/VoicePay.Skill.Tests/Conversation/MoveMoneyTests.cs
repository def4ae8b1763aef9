using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Moves between the person's own accounts (issue 19, item 3), through the real composition root against the sandbox
/// bank: the PIN before any account is looked up, the read-back, the yes, the journal and the idempotency key of a payment,
/// and truthful outcomes. The ledger is the judge: money moves only between Alice's accounts, once, after yes and the PIN.
/// </summary>
public sealed class MoveMoneyTests
{
    private const string RainyDay = "acc-alice-savings";
    private const string Checking = "acc-alice-checking";
    private static readonly string[] AccountDerived = ["Everyday", "College", "Rainy", "Vacation", "4821", "3156", "9034", "7710", "couldn't find", "same account"];

    [Fact]
    public async Task A_move_asks_for_the_pin_first_then_which_savings_then_reads_back_and_moves_once()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();

        var asked = Speech.Of(await Move(talk, "100", from: (SlotNames.FromAccount, "savings"), to: (SlotNames.ToAccount, "checking")));
        Assert.Equal("To move money between your accounts, I need your voice PIN first. What's your four-digit voice PIN?", asked);

        Assert.Equal(
            "Which account should I move the money from: College Fund, ending in 3156, Rainy Day Savings, ending in 9034 or Vacation Savings, ending in 7710?",
            Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
        Assert.Equal(
            "Move $100.00 from Rainy Day Savings, ending in 9034, to your checking account?",
            Speech.Of(await talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.FromAccountName] = "the second one" })));
        Assert.Equal(0, harness.TransferCount());

        var done = Speech.Of(await talk.Yes());
        var again = Speech.Of(await talk.Yes());

        var moved = Assert.Single(harness.Bank.Ledger.Transfers());
        Assert.Equal((null, RainyDay, Checking, 100m), (moved.PayeeId, moved.FromAccountId, moved.ToAccountId, moved.Amount));
        Assert.StartsWith($"Done. I moved $100.00 from Rainy Day Savings to Everyday Checking. Reference ending {moved.Id[^4..]}.", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Done", again, StringComparison.Ordinal);
        Assert.Equal(4_309.27m, harness.CheckingBalance());
        Assert.Equal(0m, harness.Bank.Ledger.Audit().EntrySum);
    }

    [Fact]
    public async Task An_account_alone_heard_as_a_payments_words_answers_which_account_the_move_is_from()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "15", (SlotNames.FromAccount, "savings"), (SlotNames.ToAccount, "checking"));
        Assert.StartsWith("Which account should I move the money from", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);

        var answered = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.LastFour] = "7710" }));

        Assert.Equal("Move $15.00 from Vacation Savings, ending in 7710, to your checking account?", answered);
    }

    [Fact]
    public async Task A_payments_dialog_yes_at_a_moves_read_back_is_not_a_yes_to_the_move()
    {
        // A move is read back with a plain question; a stale or replayed payment "yes" (SendMoney CONFIRMED) answers nothing.
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "15", (SlotNames.FromAccount, "savings"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);
        Assert.StartsWith("Move $15.00", Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.LastFour] = "7710" })), StringComparison.Ordinal);

        await talk.Confirm();

        Assert.Equal(0, harness.TransferCount());
        Assert.StartsWith("Done. I moved $15.00", Speech.Of(await talk.Yes()), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task Nothing_about_accounts_is_said_before_the_pin_whatever_the_move_names()
    {
        await using var harness = await SkillHarness.StartAsync();
        foreach (var (from, to) in new[]
        {
            ((SlotNames.FromAccount, "checking"), (SlotNames.ToAccount, "checking")),
            ((SlotNames.FromAccountName, "brokerage"), (SlotNames.ToAccount, "checking")),
            ((SlotNames.FromLastFour, "1111"), (SlotNames.ToLastFour, "4821")),
            ((SlotNames.FromAccountName, "vacation savings"), (SlotNames.ToAccountName, "college fund")),
        })
        {
            var talk = harness.NewConversation();
            var before = Speech.Of(await Move(talk, "10", from, to));
            Assert.DoesNotContain(AccountDerived, w => before.Contains(w, StringComparison.Ordinal));
            Assert.Contains("PIN", before, StringComparison.Ordinal);
        }

        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task The_same_account_for_both_sides_is_refused_clearly_after_the_pin_and_moves_nothing()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "10", (SlotNames.FromLastFour, "4821"), (SlotNames.ToAccount, "checking"));

        Assert.Equal("That's the same account twice, so there's nothing to move. No money was moved. Anything else?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task A_wrong_pin_or_a_no_at_the_read_back_moves_nothing()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "10", (SlotNames.FromAccountName, "vacation savings"), (SlotNames.ToAccount, "checking"));

        var wrong = Speech.Of(await talk.Pin("9999"));
        Assert.DoesNotContain(AccountDerived, w => wrong.Contains(w, StringComparison.Ordinal));
        Assert.Equal("Move $10.00 from Vacation Savings, ending in 7710, to your checking account?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));
        Assert.StartsWith("Okay, I've cancelled the transfer. No money was moved.", Speech.Of(await talk.No()), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task A_move_whose_answer_is_lost_is_unknown_never_sent_twice_and_settles_by_its_key()
    {
        var faults = new BankFaults();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => new FaultyBank(inner, faults));
        var talk = harness.NewConversation();
        await Move(talk, "40", (SlotNames.FromAccountName, "college fund"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);
        faults.Transfers = BankFault.TimeoutAfterCommit;

        var unknown = Speech.Of(await talk.Yes());
        faults.Transfers = BankFault.None;
        Assert.StartsWith("I couldn't confirm whether your transfer of $40.00 to Everyday Checking went through", unknown, StringComparison.Ordinal);

        // The same move asked for again is refused while the first is unsettled (here: it settles as sent), in a move's words.
        var refused = Speech.Of(await Move(talk, "40", (SlotNames.FromAccountName, "college fund"), (SlotNames.ToAccount, "checking")));
        Assert.StartsWith("Your earlier transfer of $40.00 to Everyday Checking went through", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("payment", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Single(harness.Bank.Ledger.Transfers());
        var launch = Speech.Of(await harness.NewConversation().Launch());
        Assert.DoesNotContain("College", launch, StringComparison.Ordinal);
        Assert.Equal(4_249.27m, harness.CheckingBalance());
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task A_move_the_bank_refuses_says_nothing_moved_and_ends_the_move()
    {
        await using var harness = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Limits:Daily"] = "1000", ["VoicePay:Limits:PerTransfer"] = "1000" });
        var talk = harness.NewConversation();
        await Move(talk, "1000", (SlotNames.FromAccountName, "college fund"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);
        await talk.Yes();
        await Move(talk, "5", (SlotNames.FromAccountName, "college fund"), (SlotNames.ToAccount, "checking"));

        var refused = Speech.Of(await talk.Yes());

        Assert.Contains("daily", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("You can move up to", refused, StringComparison.Ordinal);
        Assert.Contains("No money was moved.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("sent", refused, StringComparison.Ordinal);
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task Make_it_thirty_dollars_at_a_moves_read_back_changes_the_move_and_reads_it_back()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "100", (SlotNames.FromAccountName, "rainy day savings"), (SlotNames.ToAccount, "checking"));
        Assert.Equal("Move $100.00 from Rainy Day Savings, ending in 9034, to your checking account?", Speech.Of(await talk.Pin(SkillHarness.DemoPin)));

        // Alexa hears "make it thirty dollars" as SendMoneyIntent with an amount and no payee.
        var changed = Speech.Of(await talk.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = "30" }));

        Assert.Equal("Move $30.00 from Rainy Day Savings, ending in 9034, to your checking account?", changed);
        Assert.Equal(0, harness.TransferCount());
        Assert.StartsWith("Done. I moved $30.00 from Rainy Day Savings to Everyday Checking.", Speech.Of(await talk.Yes()), StringComparison.Ordinal);
        var moved = Assert.Single(harness.Bank.Ledger.Transfers());
        Assert.Equal((RainyDay, Checking, 30m), (moved.FromAccountId, moved.ToAccountId, moved.Amount));
    }

    [Fact]
    public async Task A_new_amount_by_move_words_at_the_read_back_keeps_the_accounts_said_as_kinds()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "15", (SlotNames.FromAccountName, "college fund"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);

        var changed = Speech.Of(await talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.MoveAmount] = "25" }));

        Assert.Equal("Move $25.00 from College Fund, ending in 3156, to your checking account?", changed);
    }

    [Fact]
    public async Task A_payment_named_at_a_moves_read_back_cancels_the_move_with_words()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "100", (SlotNames.FromAccountName, "rainy day savings"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);

        var switched = Speech.Of(await talk.SendMoney("20", "alice smith"));

        Assert.StartsWith("Okay, I've cancelled the transfer. No money was moved.", switched, StringComparison.Ordinal);
        Assert.EndsWith("Send $20.00 to Alice Smith from your checking account?", switched, StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task A_completed_move_asks_anything_else_as_a_completed_payment_does()
    {
        // A payment done says "Anything else?" and keeps the session open ("Send another?" is only for a payment repeated
        // within minutes); a move done is the same: it has no "move another?".
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await Move(talk, "10", (SlotNames.FromAccountName, "rainy day savings"), (SlotNames.ToAccount, "checking"));
        await talk.Pin(SkillHarness.DemoPin);

        var done = await talk.Yes();

        Assert.EndsWith("Anything else?", Speech.Of(done), StringComparison.Ordinal);
        Assert.NotEqual(true, done.Response.ShouldEndSession);
        var paid = harness.NewConversation();
        await paid.SendMoney("5", "alice smith");
        await paid.Yes();
        Assert.EndsWith("Anything else?", Speech.Of(await paid.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
    }

    private static Task<Alexa.Responses.SkillResponse> Move(Conversation talk, string amount, (string Slot, string Value) from, (string Slot, string Value) to) =>
        talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.MoveAmount] = amount, [from.Slot] = from.Value, [to.Slot] = to.Value });
}
