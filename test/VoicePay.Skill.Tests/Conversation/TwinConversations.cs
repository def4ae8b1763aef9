using System.Text.RegularExpressions;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>Whose bank account a random conversation runs against: the demo customer, or one of a pair of twins.</summary>
internal sealed record FuzzCustomer(string Id, string Token, string Label)
{
    public static FuzzCustomer Demo { get; } = new(SkillHarness.AliceCustomer, SandboxSeed.AliceToken, string.Empty);
}

/// <summary>What one turn gave the person: the words, the card, whether a PIN was verified in its session, and the books after it.</summary>
internal sealed record Heard(string Request, string? Speech, string? Reprompt, string? Card, bool BeforePin, bool Killed, string Books);

/// <summary>
/// (i) No reply before the PIN depends on balances, today's total or transaction details: the same conversation (seed,
/// inputs, faults, kills, clock) is played against two customers who differ only in what their accounts hold, turn by
/// turn, and every reply before a verified PIN must be the same, word for word, reprompt and card included.
/// </summary>
/// <remarks>
/// After a PIN the twins may part (one has the money, the other not); once their replies or books differ, later replies
/// are not compared, since what they heard or sent before differs. A reply that differs before the PIN while the books
/// are alike is the leak this looks for. Bank references differ between any two customers and are masked.
/// </remarks>
internal sealed partial class ConversationFuzzer
{
    /// <summary>Every so many conversations is played by twins (twice the work of one).</summary>
    private const int TwinEvery = 4;

    private static readonly Regex Reference = new(@"(?i)(reference ending )[0-9a-z ]+?(?=[.,])", RegexOptions.CultureInvariant);

    private static async Task<int> PlayTwinsAsync(World world, int seed, int replaySeed)
    {
        var template = SandboxSeed.Customers.Single(c => c.Id == SkillHarness.AliceCustomer);
        var wealthy = SandboxSeed.CopyOf(template, $"-fuzz{seed}a", a => a.Balance, template.Habits);
        var checking = template.Accounts.First(a => a.Type == "checking").Id;
        var savings = template.Accounts.First(a => a.Type == "savings").Id;
        var poor = SandboxSeed.CopyOf(template, $"-fuzz{seed}b", a => a.Type == "checking" ? 61.37m : 5.12m, [
            new(checking, SeedSchedule.Monthly(3), "Hardware Haven", "Hardware Haven", -12.34m),
            new(checking, SeedSchedule.Monthly(4), "Refund Sunbeam Books", "Sunbeam Books", 8.50m),
            new(savings, SeedSchedule.Monthly(5), "Dividend", null, 0.42m),
        ]);
        world.Harness.Bank.Ledger.AddCustomer(wealthy);
        world.Harness.Bank.Ledger.AddCustomer(poor);
        var a = new Run(world, seed, replaySeed, new FuzzCustomer(wealthy.Id, wealthy.Token, "a"));
        var b = new Run(world, seed, replaySeed, new FuzzCustomer(poor.Id, poor.Token, "b"));

        // The poorer twin also sent $37.00 earlier today (an amount the conversation never asks for).
        var turns = await a.StartAsync();
        Assert.Equal(turns, await b.StartAsync(sentToday: 37m));
        var parted = false;
        for (var turn = 0; turn < turns; turn++)
        {
            var heardA = await a.TurnAsync(turn == 0 ? Act.Launch : a.NextAct());
            if (!parted)
            {
                var heardB = await b.TurnAsync(turn == 0 ? Act.Launch : b.NextAct());
                parted = Parted(heardA, heardB, seed, replaySeed, a, b, world.Tally);
            }

            // Once parted (after a PIN), what each heard may lead to different acts and draws: the poorer twin walks away
            // and the other goes on alone, so the world's disturbances stay one stream.
            var disturbance = a.DrawDisturbance();
            if (!parted)
            {
                Assert.Equal(disturbance, b.DrawDisturbance());
                await b.DisturbAsync(disturbance, apply: false);
            }

            await a.DisturbAsync(disturbance);
        }

        await a.FinishAsync();
        await b.FinishAsync();
        return 2 * turns;
    }

    /// <summary>True once the twins have parted; throws when they part before the PIN with nothing on the books to explain it.</summary>
    private static bool Parted(Heard a, Heard b, int seed, int replaySeed, Run runA, Run runB, Tally tally)
    {
        var same = a.Request == b.Request && a.Killed == b.Killed && a.BeforePin == b.BeforePin
            && Mask(a.Speech) == Mask(b.Speech) && Mask(a.Reprompt) == Mask(b.Reprompt) && Mask(a.Card) == Mask(b.Card);
        if (a.BeforePin && b.BeforePin && a.Request == b.Request)
        {
            tally.TwinTurnsCompared++;
            if (!same && a.Books == b.Books)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Conversation seed {seed} (replay this test with VOICEPAY_FUZZ_SEED={replaySeed} VOICEPAY_CONVERSATIONS=1): (i) before the PIN, "
                    + $"two customers who differ only in their balances, today's total and their history heard different words:\n"
                    + $"  {a.Request}\n  wealthy: {a.Speech} | {a.Reprompt} | {a.Card}\n  poor:    {b.Speech} | {b.Reprompt} | {b.Card}\n"
                    + $"--- wealthy twin ---\n{runA.Transcript}--- poor twin ---\n{runB.Transcript}");
            }
        }

        return !same || a.Books != b.Books;
    }

    private static string? Mask(string? text) => text is null ? null : Reference.Replace(text, "$1####");
}
