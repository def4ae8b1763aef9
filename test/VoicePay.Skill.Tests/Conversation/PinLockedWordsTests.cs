using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>A locked PIN is refused in words that name what was asked for: the alerts, deleting, the accounts, a payment.</summary>
public sealed class PinLockedWordsTests
{
    private static readonly Dictionary<string, string?> MoveFromSavings = new() { [SlotNames.MoveAmount] = "100", [SlotNames.FromAccount] = "savings", [SlotNames.ToAccount] = "checking" };

    [Fact]
    public async Task The_lock_met_while_asking_for_alerts_speaks_of_the_alerts()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        Assert.Contains("PIN", Speech.Of(await talk.Intent(IntentNames.ReadAlerts)), StringComparison.Ordinal);
        var locked = await ThreeWrongPinsAsync(talk);

        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so I can't read your alerts.", locked, StringComparison.Ordinal);
        Assert.Contains("tell Voice Pay I forgot my PIN", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("bank's app", locked, StringComparison.Ordinal);

        // Asked again once locked: refused before any PIN is asked, in the same words.
        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so I can't read your alerts.", Speech.Of(await harness.NewConversation().Intent(IntentNames.ReadAlerts)), StringComparison.Ordinal);
        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so I can't read your accounts.", Speech.Of(await harness.NewConversation().Intent(IntentNames.CheckBalance)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lock_met_while_paying_names_i_forgot_my_pin_and_that_way_out_is_true()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "Alice Smith");
        await talk.Yes();
        var locked = await ThreeWrongPinsAsync(talk);

        Assert.StartsWith("Voice payments are locked because of too many wrong PINs, so nothing was sent.", locked, StringComparison.Ordinal);
        Assert.Contains("tell Voice Pay I forgot my PIN", locked, StringComparison.Ordinal);

        // What the words promise: "I forgot my PIN", the texted code, a new PIN said twice, and the PIN works again.
        var reset = harness.NewConversation();
        await reset.Intent(IntentNames.ForgotPin);
        var code = harness.Bank.Ledger.SentCodes("cust-alice")[0].Code;
        Assert.Contains("right code", Speech.Of(await reset.Intent(IntentNames.Code, new Dictionary<string, string?> { [SlotNames.Code] = code })), StringComparison.Ordinal);
        await reset.Pin("5571");
        Assert.Contains("voice PIN is set up", Speech.Of(await reset.Pin("5571")), StringComparison.Ordinal);
        var pay = harness.NewConversation();
        await pay.SendMoney("20", "Alice Smith");
        await pay.Yes();
        Assert.StartsWith("Done.", Speech.Of(await pay.Pin("5571")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lock_met_while_deleting_says_nothing_was_deleted()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ForgetMe);
        await talk.Yes();
        var locked = await ThreeWrongPinsAsync(talk);

        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so nothing was deleted.", locked, StringComparison.Ordinal);
        Assert.Contains("tell Voice Pay I forgot my PIN", locked, StringComparison.Ordinal);
        var again = harness.NewConversation();
        await again.Intent(IntentNames.ForgetMe);
        Assert.StartsWith("Your voice PIN is locked because of too many wrong tries, so nothing was deleted.", Speech.Of(await again.Yes()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lock_met_while_moving_money_says_no_money_was_moved_not_that_payments_are_locked()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        Assert.Contains("PIN", Speech.Of(await talk.Intent(IntentNames.MoveMoney, MoveFromSavings)), StringComparison.Ordinal);
        var locked = await ThreeWrongPinsAsync(talk);

        Assert.StartsWith("Moving money between your accounts is locked because of too many wrong PINs, so no money was moved.", locked, StringComparison.Ordinal);
        Assert.Contains("tell Voice Pay I forgot my PIN", locked, StringComparison.Ordinal);
        Assert.DoesNotContain("payment", locked, StringComparison.OrdinalIgnoreCase);

        // Asked again once locked: refused before any PIN is asked, in the same words.
        var again = harness.NewConversation();
        Assert.StartsWith(
            "Moving money between your accounts is locked because of too many wrong PINs, so no money was moved.",
            Speech.Of(await again.Intent(IntentNames.MoveMoney, MoveFromSavings)),
            StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    /// <summary>The three wrong PINs that lock it; returns what the third heard.</summary>
    private static async Task<string> ThreeWrongPinsAsync(Conversation talk)
    {
        await talk.Pin("1111");
        await talk.Pin("2222");
        return Speech.Of(await talk.Pin("3333"));
    }
}
