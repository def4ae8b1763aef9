using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 16: "Outcomes spoken at launch before the PIN say only went through / didn't; amount, payee and reference
/// after the PIN." The launch's news is bare; the first verified PIN of that session gives the details, once.
/// </summary>
public sealed class LaunchNewsDetailsTests
{
    [Fact]
    public async Task A_payment_settled_at_launch_is_detailed_after_the_pin_of_that_session()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        var talk = harness.NewConversation();
        await faults.PayMeetingAsync(talk, "3", "mom", BankFault.TimeoutAfterCommit);
        var reference = Assert.Single(harness.Bank.Ledger.Transfers()).Id[^4..];

        var later = harness.NewConversation();
        var launch = Speech.Of(await later.Launch());
        Assert.StartsWith("About your last payment: it went through. Welcome", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("Mary", launch, StringComparison.Ordinal);
        Assert.Contains("PIN", Speech.Of(await later.Intent(IntentNames.CheckBalance)), StringComparison.Ordinal);

        var afterPin = Speech.Of(await later.Pin(SkillHarness.DemoPin));

        Assert.StartsWith($"About your last payment: $3.00 to Mary Johnson went through, reference ending {reference}.", afterPin, StringComparison.Ordinal);
        Assert.Contains("checking", afterPin, StringComparison.OrdinalIgnoreCase);

        // Once: the next answer after the PIN is the answer alone.
        Assert.DoesNotContain("About your last payment", Speech.Of(await later.Intent(IntentNames.CheckBalance)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task A_payment_that_did_not_go_through_is_detailed_after_the_pin_that_sends_the_next_one()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        var talk = harness.NewConversation();
        await faults.PayMeetingAsync(talk, "20", "alice smith", BankFault.TimeoutBeforeCommit);
        harness.Time.Advance(TimeSpan.FromHours(3));

        var later = harness.NewConversation();
        Assert.StartsWith("About your last payment: it didn't go through, and no money was moved. Welcome", Speech.Of(await later.Launch()), StringComparison.Ordinal);
        await later.SendMoney("5", "john miller");
        await later.Confirm();

        Assert.StartsWith(
            "About your last payment: $20.00 to Alice Smith didn't go through, and no money was moved. Done. I sent $5.00 to John Miller.",
            Speech.Of(await later.Pin(SkillHarness.DemoPin)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_payment_left_without_its_pin_is_detailed_after_the_next_sessions_pin()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("7", "john miller");
        await talk.Confirm();

        var later = harness.NewConversation();
        Assert.StartsWith("The payment you confirmed last time wasn't sent", Speech.Of(await later.Launch()), StringComparison.Ordinal);
        await later.Intent(IntentNames.CheckBalance);

        Assert.StartsWith("About your last payment: $7.00 to John Miller didn't go through", Speech.Of(await later.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }
}
