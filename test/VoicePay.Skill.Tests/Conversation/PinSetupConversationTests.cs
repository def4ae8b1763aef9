using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 19 item 4: the voice PIN a person sets up, changes and resets, through the real skill against the sandbox bank
/// (the bank's outbox is the person's phone). The new PIN is the same record <c>voicepay pin set</c> writes, so the
/// verifier is the judge; neither the code nor the PIN is ever said, carded or logged.
/// </summary>
public sealed class PinSetupConversationTests
{
    private const string NewPin = "5571";

    [Fact]
    public async Task A_person_without_a_pin_sets_one_up_by_code_and_then_pays_with_it()
    {
        await using var harness = await StartUnenrolledAsync();
        var talk = harness.NewConversation();
        var said = new List<SkillResponse>();

        said.Add(await talk.SendMoney("20", "Alice Smith"));
        Assert.Contains("haven't set up a voice PIN", Speech.Of(said[^1]), StringComparison.Ordinal);
        said.Add(await talk.Yes());
        Assert.Contains("ending 1 2", Speech.Of(said[^1]), StringComparison.Ordinal);
        var code = LatestCode(harness);
        said.Add(await Code(talk, code));
        said.Add(await talk.Pin(NewPin));
        said.Add(await talk.Pin(NewPin));
        Assert.Contains("voice PIN is set up", Speech.Of(said[^1]), StringComparison.Ordinal);

        Assert.True(await VerifiesAsync(harness, NewPin));
        Assert.Single(harness.Bank.Ledger.SentCodes("cust-alice"));
        AssertNeverSaid(harness, said, code, NewPin);

        await talk.SendMoney("20", "Alice Smith");
        await talk.Yes();
        Assert.Contains("$20.00", Speech.Of(await talk.Pin(NewPin)), StringComparison.Ordinal);
        Assert.Equal(4_189.27m, harness.CheckingBalance());
    }

    [Fact]
    public async Task Two_different_pins_save_nothing_and_ask_to_choose_again()
    {
        await using var harness = await StartUnenrolledAsync();
        var talk = await ProvenAsync(harness);

        await talk.Pin("3860");
        var mismatch = Speech.Of(await talk.Pin("4682"));

        Assert.Contains("didn't match", mismatch, StringComparison.Ordinal);
        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        await talk.Pin("4682");
        await talk.Pin("4682");
        Assert.True(await VerifiesAsync(harness, "4682"));
        Assert.False(await VerifiesAsync(harness, "3860"));
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("0000")]
    [InlineData("8765")]
    [InlineData("1212")]
    public async Task A_pin_easy_to_guess_is_refused_without_saying_it_and_another_is_asked_for(string easy)
    {
        await using var harness = await StartUnenrolledAsync();
        var talk = await ProvenAsync(harness);

        var refused = await talk.Pin(easy);

        Assert.Contains("first a stranger guesses", Speech.Of(refused), StringComparison.Ordinal);
        Assert.Contains("Which four-digit voice PIN would you like?", Speech.Of(refused), StringComparison.Ordinal);
        Assert.DoesNotContain(easy, JsonSerializer.Serialize(refused, AlexaJsonContext.Default.SkillResponse), StringComparison.Ordinal);

        // Still choosing: the next PIN is the first saying of a new one, and the easy one was never kept.
        Assert.Contains("again", Speech.Of(await talk.Pin(NewPin)), StringComparison.Ordinal);
        Assert.Contains("voice PIN is set up", Speech.Of(await talk.Pin(NewPin)), StringComparison.Ordinal);
        Assert.True(await VerifiesAsync(harness, NewPin));
        Assert.False(await VerifiesAsync(harness, easy));
    }

    [Fact]
    public async Task After_five_codes_in_an_hour_the_sixth_is_refused_truthfully_and_nothing_is_sent()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("ending 1 2", Speech.Of(await talk.Intent(IntentNames.ForgotPin)), StringComparison.Ordinal);
        }

        var sixth = Envelopes.Intent(IntentNames.ForgotPin);
        var refused = Speech.Of(await talk.Send(sixth));
        var retried = Speech.Of(await talk.Send(Copy(sixth)));

        Assert.Contains("I've sent too many codes to your phone for now", refused, StringComparison.Ordinal);
        Assert.Contains("Try again in an hour.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("ending 1 2", refused, StringComparison.Ordinal);
        Assert.Equal(refused, retried);
        Assert.Equal(5, harness.Bank.Ledger.SentCodes("cust-alice").Count);

        // Nothing waits for a code now: the PIN is as it was.
        Assert.Equal(PinReadiness.Ready, await harness.Services.GetRequiredService<VoicePinVerifier>().ReadinessAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_a_new_one_offered()
    {
        await using var harness = await StartUnenrolledAsync(bankOnSkillClock: true);
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        await talk.Yes();
        var code = LatestCode(harness);
        harness.Time.Advance(TimeSpan.FromMinutes(11));

        var expired = Speech.Of(await Code(talk, code));

        Assert.Contains("expired", expired, StringComparison.Ordinal);
        Assert.Contains("new one", expired, StringComparison.Ordinal);
        Assert.Contains("ending 1 2", Speech.Of(await talk.Yes()), StringComparison.Ordinal);
        Assert.NotEqual(code, LatestCode(harness));
        Assert.Contains("right code", Speech.Of(await Code(talk, LatestCode(harness))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_request_texts_one_code_and_counts_one_wrong_try()
    {
        await using var harness = await StartUnenrolledAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        var yes = Envelopes.Intent(IntentNames.Yes);
        var first = Speech.Of(await talk.Send(yes));
        var again = Speech.Of(await talk.Send(Copy(yes)));
        Assert.Equal(first, again);
        Assert.Single(harness.Bank.Ledger.SentCodes("cust-alice"));

        var wrong = Envelopes.Intent(IntentNames.Code, new Dictionary<string, string?> { [SlotNames.Code] = Wrong(LatestCode(harness)) });
        Assert.Contains("2 more tries", Speech.Of(await talk.Send(wrong)), StringComparison.Ordinal);
        Assert.Contains("2 more tries", Speech.Of(await talk.Send(Copy(wrong))), StringComparison.Ordinal);
        Assert.Contains("one more try", Speech.Of(await Code(talk, Wrong(LatestCode(harness)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_a_locked_pin_unlocks_it_only_with_a_verified_code_and_a_new_pin()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        foreach (var wrong in new[] { "1111", "2222", "3333" })
        {
            await talk.Pin(wrong);
        }

        var verifier = harness.Services.GetRequiredService<VoicePinVerifier>();
        Assert.Equal(PinReadiness.Locked, await verifier.ReadinessAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        var change = harness.NewConversation();
        Assert.Contains("I forgot my PIN", Speech.Of(await change.Intent(IntentNames.ChangePin)), StringComparison.Ordinal);

        var reset = harness.NewConversation();
        Assert.Contains("ending 1 2", Speech.Of(await reset.Intent(IntentNames.ForgotPin)), StringComparison.Ordinal);
        await Code(reset, Wrong(LatestCode(harness)));
        Assert.Equal(PinReadiness.Locked, await verifier.ReadinessAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        await Code(reset, LatestCode(harness));
        Assert.Equal(PinReadiness.Locked, await verifier.ReadinessAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        await reset.Pin(NewPin);
        await reset.Pin(NewPin);

        Assert.Equal(PinReadiness.Ready, await verifier.ReadinessAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        Assert.True(await VerifiesAsync(harness, NewPin));
    }

    [Fact]
    public async Task A_change_needs_the_current_pin_and_a_wrong_one_counts_toward_the_lock()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        Assert.Contains("current four-digit voice PIN", Speech.Of(await talk.Intent(IntentNames.ChangePin)), StringComparison.Ordinal);

        Assert.Contains("2 more tries", Speech.Of(await talk.Pin("9999")), StringComparison.Ordinal);
        Assert.Contains("new four-digit voice PIN", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        await talk.Pin(NewPin);
        await talk.Pin(NewPin);

        Assert.True(await VerifiesAsync(harness, NewPin));
        Assert.False(await VerifiesAsync(harness, SkillHarness.DemoPin));
        Assert.Empty(harness.Bank.Ledger.SentCodes());
    }

    [Fact]
    public async Task Without_a_linked_account_nothing_is_texted()
    {
        await using var harness = await StartUnenrolledAsync();
        var talk = harness.NewConversation(accessToken: null);

        Assert.Contains("link your bank account", Speech.Of(await talk.Intent(IntentNames.ForgotPin)), StringComparison.Ordinal);
        Assert.Contains("link your bank account", Speech.Of(await talk.Intent(IntentNames.ChangePin)), StringComparison.Ordinal);
        Assert.Empty(harness.Bank.Ledger.SentCodes());
    }

    private static async Task<SkillHarness> StartUnenrolledAsync(bool bankOnSkillClock = false)
    {
        var harness = await SkillHarness.StartAsync(bankOnSkillClock: bankOnSkillClock);
        await harness.Services.GetRequiredService<IPersonalData>().ForgetAsync(Envelopes.UserId, harness.Time.GetUtcNow(), CancellationToken.None);
        return harness;
    }

    /// <summary>A conversation that has proven the code and waits for the new PIN.</summary>
    private static async Task<Conversation> ProvenAsync(SkillHarness harness)
    {
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.CheckBalance);
        await talk.Yes();
        Assert.Contains("right code", Speech.Of(await Code(talk, LatestCode(harness))), StringComparison.Ordinal);
        return talk;
    }

    private static Task<SkillResponse> Code(Conversation talk, string code) =>
        talk.Intent(IntentNames.Code, new Dictionary<string, string?> { [SlotNames.Code] = code });

    private static string LatestCode(SkillHarness harness) => harness.Bank.Ledger.SentCodes("cust-alice")[0].Code;

    private static string Wrong(string code) => code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

    private static async Task<bool> VerifiesAsync(SkillHarness harness, string digits)
    {
        Assert.True(VoicePin.TryParse(digits, out var pin));
        var record = await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None);
        return record is not null && await harness.Services.GetRequiredService<PinProtector>().VerifyAsync(PinHolder.Account(Envelopes.UserId), pin, record.Pin, CancellationToken.None);
    }

    /// <summary>The same request delivered again (Alexa's retry): same id, same body.</summary>
    private static SkillRequest Copy(SkillRequest request) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(request, AlexaJsonContext.Default.SkillRequest), AlexaJsonContext.Default.SkillRequest)!;

    private static void AssertNeverSaid(SkillHarness harness, List<SkillResponse> said, string code, string pin)
    {
        foreach (var response in said)
        {
            var json = JsonSerializer.Serialize(response, AlexaJsonContext.Default.SkillResponse);
            Assert.DoesNotContain(code, json, StringComparison.Ordinal);
            Assert.DoesNotContain(pin, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(code, StringComparison.Ordinal) || line.Contains(pin, StringComparison.Ordinal));
    }
}
