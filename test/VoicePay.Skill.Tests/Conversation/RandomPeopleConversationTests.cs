using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 19, item 5, at random: people Alexa recognizes (and a voice it does not) take turns on one shared account,
/// switching mid-conversation (between the read-back and the PIN too), saying their own PIN or someone else's. After
/// every turn: money moved only if the speaker of the last yes gave their own PIN in this session; a PIN said by one
/// holder never verifies for another (no transfer, no balance); with BalancesOnly an unrecognized voice moves nothing;
/// and no answer names a person.
/// </summary>
public sealed class RandomPeopleConversationTests
{
    private static readonly string?[] Speakers = ["amzn1.ask.person.RANDOMA", "amzn1.ask.person.RANDOMB", null];
    private static readonly Dictionary<string, string> Pins = new(StringComparer.Ordinal)
    {
        ["amzn1.ask.person.RANDOMA"] = "2468",
        ["amzn1.ask.person.RANDOMB"] = "1357",
        [string.Empty] = SkillHarness.DemoPin,
    };

    private enum Act
    {
        Switch,
        SendMoney,
        Yes,
        OwnPin,
        OtherPin,
        Balance,
        Cancel,
    }

    /// <summary>
    /// Twelve households of 100 turns each, seeds from <see cref="ConversationFuzzer.BaseSeed"/> (VOICEPAY_FUZZ_SEED picks
    /// others), every other one with <see cref="UnrecognizedVoices.BalancesOnly"/>. Every turn's invariants hold in each;
    /// across them money must have moved and been refused, or the run proved nothing.
    /// </summary>
    [Fact]
    public async Task Money_moves_only_for_the_voice_that_said_yes_and_its_own_pin()
    {
        var (sent, refused) = (0, 0);
        for (var household = 0; household < 12; household++)
        {
            var (s, r) = await HouseholdAsync(ConversationFuzzer.BaseSeed + 1900 + household, balancesOnly: household % 2 == 1);
            sent += s;
            refused += r;
        }

        Assert.True(sent > 0 && refused > 0, $"Base seed {ConversationFuzzer.BaseSeed}: sent {sent}, refused {refused}.");
    }

    private static async Task<(int Sent, int Refused)> HouseholdAsync(int seed, bool balancesOnly)
    {
        await using var harness = await SkillHarness.StartAsync(
            balancesOnly ? new Dictionary<string, string?> { ["VoicePay:Pin:UnrecognizedVoices"] = "BalancesOnly" } : null);
        var verifier = harness.Services.GetRequiredService<VoicePinVerifier>();
        foreach (var person in Speakers.OfType<string>())
        {
            Assert.True(VoicePin.TryParse(Pins[person], out var pin));
            await verifier.EnrollAsync(new PinHolder(Envelopes.UserId, person), pin, CancellationToken.None);
        }

        var random = new Random(seed);
        var talk = harness.NewConversation();
        await talk.Launch();
        string? yesBy = null;
        var ownPinBy = new HashSet<string>(StringComparer.Ordinal);
        var transcript = new List<string>();
        var (sent, refused) = (0, 0);
        string? last = null;
        for (var turn = 0; turn < 100; turn++)
        {
            var act = Next(random, last);
            var speaker = talk.PersonId ?? string.Empty;
            var before = harness.TransferCount();
            var said = act switch
            {
                Act.Switch => null,
                Act.SendMoney => Speech.Of(await talk.SendMoney(random.Next(1, 30).ToString(System.Globalization.CultureInfo.InvariantCulture), "Alice Smith")),
                Act.Yes => Speech.Of(await talk.Confirm()),
                Act.OwnPin => Speech.Of(await talk.Pin(Pins[speaker])),
                Act.OtherPin => Speech.Of(await talk.Pin(Pins.Where(p => p.Key != speaker).ElementAt(random.Next(2)).Value)),
                Act.Balance => Speech.Of(await talk.Intent(IntentNames.CheckBalance)),
                _ => Speech.Of(await talk.Intent(IntentNames.Cancel)),
            };
            if (act == Act.Switch)
            {
                // Another member of the household speaks (never the same voice again: that is no switch).
                var others = Speakers.Where(p => p != talk.PersonId).ToArray();
                talk.PersonId = others[random.Next(others.Length)];
            }

            last = said ?? last;
            transcript.Add($"{(speaker.Length == 0 ? "nobody" : speaker[^1..])}: {act} → {said}");
            var context = $"Seed {seed} (balances only: {balancesOnly}):\n" + string.Join("\n", transcript);
            if (said is not null)
            {
                Assert.False(said.Contains("amzn1.ask.person", StringComparison.Ordinal) || said.Contains("RANDOM", StringComparison.Ordinal), context);
            }

            if (act == Act.Yes)
            {
                yesBy = speaker;
            }

            refused += said is not null && (said.Contains("same person", StringComparison.Ordinal) || said.Contains("for this voice", StringComparison.Ordinal)) ? 1 : 0;

            // A PIN verifies only for its own holder: another's never reads a balance or sends.
            if (act == Act.OtherPin)
            {
                Assert.True(harness.TransferCount() == before, context);
                Assert.False(said!.Contains("available", StringComparison.Ordinal), context);
            }

            if (act == Act.OwnPin && !said!.Contains("didn't match", StringComparison.Ordinal))
            {
                ownPinBy.Add(speaker);
            }

            if (harness.TransferCount() > before)
            {
                Assert.True(act is Act.Yes or Act.OwnPin, context);
                Assert.True(yesBy == speaker, context);
                Assert.True(ownPinBy.Contains(speaker), context);
                Assert.False(balancesOnly && speaker.Length == 0, context);
                sent++;
            }
        }

        return (sent, refused);
    }

    /// <summary>What a household would say next, given what Alexa just asked: mostly an answer, often another voice.</summary>
    private static Act Next(Random random, string? last)
    {
        var roll = random.Next(100);
        if (last is not null && last.Contains("from your checking account?", StringComparison.Ordinal))
        {
            return roll < 55 ? Act.Yes : roll < 80 ? Act.Switch : roll < 90 ? Act.OwnPin : Act.Cancel;
        }

        if (last is not null && last.Contains("PIN?", StringComparison.Ordinal))
        {
            return roll < 40 ? Act.OwnPin : roll < 60 ? Act.OtherPin : roll < 90 ? Act.Switch : Act.Cancel;
        }

        return roll < 40 ? Act.SendMoney : roll < 55 ? Act.Balance : roll < 80 ? Act.Switch : roll < 90 ? Act.OtherPin : Act.Yes;
    }
}
