using VoicePay.Sandbox.Seed;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 16 (i) in one conversation: two customers alike but for their balances hear the same words up to the PIN,
/// and only after it does the balance matter. The sandbox opens the second customer's books for the test.
/// </summary>
public sealed class TwinCustomerTests
{
    [Fact]
    public async Task A_customer_with_25_dollars_and_one_with_2500_hear_the_same_words_until_the_pin()
    {
        await using var harness = await SkillHarness.StartAsync();
        var template = SandboxSeed.Customers.Single(c => c.Id == SkillHarness.AliceCustomer);
        var poor = SandboxSeed.CopyOf(template, "-poor", a => a.Type == "checking" ? 25m : 0m, []);
        harness.Bank.Ledger.AddCustomer(poor);
        Assert.Equal("25.00", harness.Bank.Ledger.GetAccounts(poor.Id).Single(a => a.Type == "checking").AvailableBalance);

        var wealthy = harness.NewConversation();
        var needy = harness.NewConversation(accessToken: poor.Token);
        foreach (var turn in new Func<Conversation, Task<Alexa.Responses.SkillResponse>>[] { t => t.Launch(), t => t.SendMoney("30", "alice smith"), t => t.Confirm() })
        {
            Assert.Equal(Speech.Of(await turn(wealthy)), Speech.Of(await turn(needy)));
        }

        Assert.StartsWith("Done. I sent $30.00 to Alice Smith.", Speech.Of(await wealthy.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Contains("enough money", Speech.Of(await needy.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }
}
