using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 19, item 5: voices that belong to people. Two members of the household Alexa recognizes share the linked
/// account; each has a voice PIN of their own, a payment one of them confirmed is finished only with their own PIN, and
/// with <see cref="UnrecognizedVoices.BalancesOnly"/> a voice Alexa does not recognize moves no money. Whose voice it
/// was is never said, carded or logged.
/// </summary>
public sealed class PeopleConversationTests
{
    private const string Alice = "amzn1.ask.person.ALICEVOICE";
    private const string Bob = "amzn1.ask.person.BOBVOICE";
    private const string AlicePin = "2468";
    private const string BobPin = "1357";

    [Fact]
    public async Task A_recognized_person_without_a_pin_of_their_own_is_offered_set_up_and_the_accounts_pin_is_not_theirs()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        var said = new List<SkillResponse>();

        said.Add(await talk.SendMoney("20", "Alice Smith"));
        said.Add(await talk.Confirm());
        Assert.Contains("haven't set up a voice PIN", Speech.Of(said[^1]), StringComparison.Ordinal);
        said.Add(await talk.Yes());
        said.Add(await talk.Intent(IntentNames.Code, new Dictionary<string, string?> { [SlotNames.Code] = harness.Bank.Ledger.SentCodes("cust-alice")[0].Code }));
        said.Add(await talk.Pin(AlicePin));
        said.Add(await talk.Pin(AlicePin));
        Assert.Contains("voice PIN is set up", Speech.Of(said[^1]), StringComparison.Ordinal);

        // Saved under Alice: the account's PIN is unchanged, and is not Alice's.
        Assert.True(await VerifiesAsync(harness, new PinHolder(Envelopes.UserId, Alice), AlicePin));
        Assert.True(await VerifiesAsync(harness, PinHolder.Account(Envelopes.UserId), SkillHarness.DemoPin));
        said.Add(await talk.SendMoney("20", "Alice Smith"));
        said.Add(await talk.Confirm());
        said.Add(await talk.Pin(SkillHarness.DemoPin));
        Assert.Contains("didn't match", Speech.Of(said[^1]), StringComparison.Ordinal);
        said.Add(await talk.Pin(AlicePin));
        Assert.Contains("$20.00", Speech.Of(said[^1]), StringComparison.Ordinal);
        Assert.Equal(4_189.27m, harness.CheckingBalance());
        AssertNeverNamed(harness, said);
    }

    [Fact]
    public async Task A_payment_one_person_confirmed_is_not_finished_by_anothers_pin_and_nothing_is_sent_or_counted()
    {
        await using var harness = await StartWithTwoPeopleAsync();
        var talk = harness.NewConversation();
        var said = new List<SkillResponse>();
        talk.PersonId = Alice;
        said.Add(await talk.SendMoney("20", "Alice Smith"));
        said.Add(await talk.Confirm());
        Assert.Contains("PIN", Speech.Of(said[^1]), StringComparison.Ordinal);

        // Bob answers with his own PIN: it does not finish Alice's payment, and is neither compared nor counted.
        talk.PersonId = Bob;
        said.Add(await talk.Pin(BobPin));
        Assert.Contains("same person who asked for it. Nothing was sent.", Speech.Of(said[^1]), StringComparison.Ordinal);
        Assert.Equal(4_209.27m, harness.CheckingBalance());
        Assert.Equal(0, harness.TransferCount());
        foreach (var person in new[] { Alice, Bob })
        {
            Assert.Empty((await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(new PinHolder(Envelopes.UserId, person), CancellationToken.None))!.Attempts.Claims);
        }

        // Nor does Alice's PIN said in Bob's voice.
        talk.PersonId = Alice;
        await talk.SendMoney("20", "Alice Smith");
        await talk.Confirm();
        talk.PersonId = Bob;
        Assert.Contains("Nothing was sent", Speech.Of(await talk.Pin(AlicePin)), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());

        // An unrecognized voice cannot finish it either (the account's PIN is not Alice's).
        talk.PersonId = Alice;
        await talk.SendMoney("20", "Alice Smith");
        await talk.Confirm();
        talk.PersonId = null;
        said.Add(await talk.Pin(SkillHarness.DemoPin));
        Assert.Contains("Nothing was sent", Speech.Of(said[^1]), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
        AssertNeverNamed(harness, said);
    }

    [Fact]
    public async Task A_move_one_person_confirmed_is_not_finished_in_another_voice()
    {
        await using var harness = await StartWithTwoPeopleAsync();
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        await talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.MoveAmount] = "10", [SlotNames.FromAccountName] = "vacation savings", [SlotNames.ToAccount] = "checking" });
        Assert.StartsWith("Move $10.00 from Vacation Savings", Speech.Of(await talk.Pin(AlicePin)), StringComparison.Ordinal);

        // Alice's PIN has gone stale by the time she says yes: her PIN is asked for again, and Bob answers.
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Contains("PIN", Speech.Of(await talk.Yes()), StringComparison.Ordinal);
        talk.PersonId = Bob;
        var refused = Speech.Of(await talk.Pin(BobPin));

        Assert.Contains("That transfer has to be finished by the same person who asked for it. No money was moved.", refused, StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task A_pin_one_person_verified_in_the_session_does_not_count_for_another()
    {
        await using var harness = await StartWithTwoPeopleAsync();
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        await talk.Intent(IntentNames.CheckBalance);
        Assert.Contains("$4,209.27", Speech.Of(await talk.Pin(AlicePin)), StringComparison.Ordinal);

        // Bob asks and confirms a payment in the same session: his own PIN is asked for, and only it sends.
        talk.PersonId = Bob;
        await talk.SendMoney("20", "Alice Smith");
        Assert.Contains("PIN", Speech.Of(await talk.Confirm()), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
        Assert.Contains("$20.00", Speech.Of(await talk.Pin(BobPin)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        // The session remembers one verified speaker, the last: Alice is asked for her own PIN again.
        talk.PersonId = Alice;
        await talk.SendMoney("5", "Alice Smith");
        Assert.Contains("PIN", Speech.Of(await talk.Confirm()), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
        Assert.Contains("$5.00", Speech.Of(await talk.Pin(AlicePin)), StringComparison.Ordinal);
        Assert.Equal(2, harness.TransferCount());
    }

    [Fact]
    public async Task Another_voice_without_a_pin_answering_the_pin_question_is_offered_one_and_hears_no_balance()
    {
        await using var harness = await SkillHarness.StartAsync();
        Assert.True(VoicePin.TryParse(AlicePin, out var pin));
        await harness.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(new PinHolder(Envelopes.UserId, Alice), pin, CancellationToken.None);
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        Assert.Contains("PIN", Speech.Of(await talk.Intent(IntentNames.CheckBalance)), StringComparison.Ordinal);

        talk.PersonId = Bob;
        var offered = await talk.Pin(AlicePin);

        Assert.Contains("haven't set up a voice PIN", Speech.Of(offered), StringComparison.Ordinal);
        Assert.DoesNotContain("$", Speech.Of(offered), StringComparison.Ordinal);
        Assert.NotEqual(true, offered.Response.ShouldEndSession);
        Assert.Empty((await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(new PinHolder(Envelopes.UserId, Alice), CancellationToken.None))!.Attempts.Claims);
    }

    [Fact]
    public async Task A_pin_set_up_one_person_started_is_not_finished_by_another()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        await talk.Intent(IntentNames.CheckBalance);
        await talk.Yes();
        var code = harness.Bank.Ledger.SentCodes("cust-alice")[0].Code;

        talk.PersonId = Bob;
        var refused = Speech.Of(await talk.Intent(IntentNames.Code, new Dictionary<string, string?> { [SlotNames.Code] = code }));

        Assert.Contains("same person who started. No PIN was changed.", refused, StringComparison.Ordinal);
        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(new PinHolder(Envelopes.UserId, Bob), CancellationToken.None));
        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(new PinHolder(Envelopes.UserId, Alice), CancellationToken.None));
    }

    [Fact]
    public async Task With_balances_only_an_unrecognized_voice_moves_no_money_but_hears_balances_after_the_accounts_pin()
    {
        await using var harness = await StartWithTwoPeopleAsync(new Dictionary<string, string?> { ["VoicePay:Pin:UnrecognizedVoices"] = "BalancesOnly" });
        var talk = harness.NewConversation();
        var said = new List<SkillResponse>();

        said.Add(await talk.SendMoney("20", "Alice Smith"));
        var refused = Speech.Of(said[^1]);
        Assert.Contains("can't send or move money for this voice", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice Smith", refused, StringComparison.Ordinal);
        said.Add(await talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.MoveAmount] = "100", [SlotNames.FromAccount] = "savings", [SlotNames.ToAccount] = "checking" }));
        Assert.Contains("can't send or move money for this voice", Speech.Of(said[^1]), StringComparison.Ordinal);

        said.Add(await talk.Intent(IntentNames.CheckBalance));
        Assert.DoesNotContain("$", Speech.Of(said[^1]), StringComparison.Ordinal);
        said.Add(await talk.Pin(SkillHarness.DemoPin));
        Assert.Contains("$4,209.27", Speech.Of(said[^1]), StringComparison.Ordinal);

        // A payment Alice read back and an unrecognized voice confirms: refused, nothing sent.
        talk.PersonId = Alice;
        await talk.SendMoney("20", "Alice Smith");
        talk.PersonId = null;
        said.Add(await talk.Confirm());
        Assert.Contains("Nothing was sent", Speech.Of(said[^1]), StringComparison.Ordinal);

        // Alice, recognized, pays with her own PIN.
        talk.PersonId = Alice;
        await talk.SendMoney("20", "Alice Smith");
        await talk.Confirm();
        Assert.Contains("$20.00", Speech.Of(await talk.Pin(AlicePin)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
        AssertNeverNamed(harness, said);
    }

    [Fact]
    public async Task With_balances_only_an_unrecognized_voice_cannot_change_a_move_read_back_to_someone_else()
    {
        await using var harness = await StartWithTwoPeopleAsync(new Dictionary<string, string?> { ["VoicePay:Pin:UnrecognizedVoices"] = "BalancesOnly" });
        var talk = harness.NewConversation();
        talk.PersonId = Alice;
        var said = new List<SkillResponse>
        {
            await talk.Intent(IntentNames.MoveMoney, new Dictionary<string, string?> { [SlotNames.MoveAmount] = "100", [SlotNames.FromAccount] = "rainy day savings", [SlotNames.ToAccount] = "checking" }),
        };
        said.Add(await talk.Pin(AlicePin));
        Assert.Contains("$100.00", Speech.Of(said[^1]), StringComparison.Ordinal);

        // "Make it thirty dollars" in a voice Alexa does not know: no money step for that voice, the move is not changed.
        talk.PersonId = null;
        said.Add(await talk.SendMoney("30", null));

        Assert.Contains("can't send or move money for this voice", Speech.Of(said[^1]), StringComparison.Ordinal);
        Assert.DoesNotContain("$30.00", Speech.Of(said[^1]), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
        AssertNeverNamed(harness, said);
    }

    private static async Task<SkillHarness> StartWithTwoPeopleAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var harness = await SkillHarness.StartAsync(settings);
        var verifier = harness.Services.GetRequiredService<VoicePinVerifier>();
        foreach (var (person, digits) in new[] { (Alice, AlicePin), (Bob, BobPin) })
        {
            Assert.True(VoicePin.TryParse(digits, out var pin));
            await verifier.EnrollAsync(new PinHolder(Envelopes.UserId, person), pin, CancellationToken.None);
        }

        return harness;
    }

    private static async Task<bool> VerifiesAsync(SkillHarness harness, PinHolder holder, string digits)
    {
        Assert.True(VoicePin.TryParse(digits, out var pin));
        var record = await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(holder, CancellationToken.None);
        return record is not null && await harness.Services.GetRequiredService<PinProtector>().VerifyAsync(holder, pin, record.Pin, CancellationToken.None);
    }

    /// <summary>No answer (speech, reprompt, card) and no log line holds a person ID.</summary>
    private static void AssertNeverNamed(SkillHarness harness, List<SkillResponse> said)
    {
        foreach (var response in said)
        {
            Assert.DoesNotContain("amzn1.ask.person", JsonSerializer.Serialize(response, AlexaJsonContext.Default.SkillResponse), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("amzn1.ask.person", StringComparison.Ordinal) || line.Contains("VOICE", StringComparison.Ordinal));
    }
}
