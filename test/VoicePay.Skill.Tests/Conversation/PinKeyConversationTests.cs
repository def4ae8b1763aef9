using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Kms;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;
using VoicePay.Testing.Amazon;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// The voice PIN checked by an AWS KMS HMAC key (the loopback KMS fake, signed by the AWS SDK): enrolment is one
/// GenerateMac, each attempt one VerifyMac, and a KMS that fails, throttles, hangs or cannot be reached is "I can't
/// check your PIN right now": never a wrong attempt, never a lock, and the payment still waits for the PIN.
/// </summary>
public sealed class PinKeyConversationTests : IAsyncLifetime
{
    private const string CantCheck = "I can't check your voice PIN right now";
    private FakeAmazonApis amazon = null!;
    private bool stopped;

    public async Task InitializeAsync() => amazon = await FakeAmazonApis.StartAsync();

    public async Task DisposeAsync()
    {
        if (!stopped)
        {
            await amazon.DisposeAsync();
        }
    }

    private KmsFake Kms => amazon.Kms;

    [Fact]
    public async Task Enrolment_makes_a_mac_in_kms_and_each_pin_is_verified_there_wrong_then_right()
    {
        await using var harness = await StartAsync(Kms.BaseSettings(amazon));
        Assert.Equal(1, Kms.CountOf(KmsFake.GenerateMacTarget));
        var record = await PinRecordAsync(harness);
        Assert.Equal(KmsPinMac.AlgorithmName, record.Pin.Algorithm);
        Assert.Equal(32, record.Pin.Hash.Length);
        var before = harness.CheckingBalance();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        var wrong = await talk.Pin("1243");

        Assert.Equal("That PIN didn't match. You have 2 more tries. What's your voice PIN?", Speech.Of(wrong));
        Assert.Equal(1, (await PinRecordAsync(harness)).Attempts.WrongCount(harness.Time.GetUtcNow()));
        var done = await talk.Pin(SkillHarness.DemoPin);
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(done), StringComparison.Ordinal);
        Assert.Equal(before - 20m, harness.CheckingBalance());
        Assert.Equal(2, Kms.CountOf(KmsFake.VerifyMacTarget));
        Assert.Equal(1, Kms.CountOf(KmsFake.GenerateMacTarget));
        Assert.Empty(amazon.Violations);
        // Neither the PIN nor the message reaches a log line.
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains(SkillHarness.DemoPin, StringComparison.Ordinal));
    }

    public static TheoryData<string> Failures => new() { "5xx", "throttled", "hang", "unreachable" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_kms_that_cannot_answer_is_cant_check_never_a_wrong_attempt_and_never_a_lock(string failure)
    {
        var settings = Kms.BaseSettings(amazon);
        settings["VoicePay:PinKey:KmsTimeout"] = "00:00:01.5";
        await using var harness = await StartAsync(settings);
        var before = harness.CheckingBalance();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        if (failure == "unreachable")
        {
            // Nothing listens on KMS's address any more.
            await amazon.DisposeAsync();
            stopped = true;
        }

        Kms.Always(failure switch
        {
            "5xx" => KmsFake.InternalFailure,
            "throttled" => KmsFake.Throttling,
            "hang" => KmsFake.Hang,
            _ => null,
        });

        // More tries than the lock allows: none is counted.
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await talk.Pin(SkillHarness.DemoPin);

            Assert.StartsWith("Sorry, " + CantCheck, Speech.Of(answer), StringComparison.Ordinal);
            Assert.False(answer.Response.ShouldEndSession);
            // Bounded by KmsTimeout (with room for a loaded machine), however long KMS hangs.
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
            var record = await PinRecordAsync(harness);
            Assert.Empty(record.Attempts.Claims);
        }

        Assert.Equal(before, harness.CheckingBalance());
        Assert.Empty(amazon.Violations);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("the PIN key did not answer", StringComparison.Ordinal));
        if (stopped)
        {
            return;
        }

        Kms.Always(null);

        // KMS back: the payment still waits for the PIN, and the right one sends it.
        var done = await talk.Pin(SkillHarness.DemoPin);
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(done), StringComparison.Ordinal);
        Assert.Equal(before - 20m, harness.CheckingBalance());
    }

    [Fact]
    public async Task An_older_pbkdf2_record_passes_and_is_rewritten_with_the_kms_key_in_the_conversation()
    {
        await using var harness = await StartAsync(Kms.BaseSettings(amazon));
        var store = harness.Services.GetRequiredService<IUserStateStore>();
        Assert.True(VoicePin.TryParse(SkillHarness.DemoPin, out var pin));
        var legacy = await harness.Services.GetRequiredService<PinHasher>().HashAsync(Envelopes.UserId, pin, 1_000, CancellationToken.None);
        await store.SetPinAsync(PinHolder.Account(Envelopes.UserId), legacy, CancellationToken.None);
        var talk = harness.NewConversation();
        await talk.SendMoney("5", "alice smith");
        await talk.Confirm();

        Assert.StartsWith("That PIN didn't match.", Speech.Of(await talk.Pin("9999")), StringComparison.Ordinal);
        Assert.Equal(PinHasher.Algorithm, (await PinRecordAsync(harness)).Pin.Algorithm);
        Assert.StartsWith("Done.", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);

        Assert.Equal(KmsPinMac.AlgorithmName, (await PinRecordAsync(harness)).Pin.Algorithm);
        // Another amount: the same one again within minutes would first ask "Send another?".
        var again = harness.NewConversation();
        await again.SendMoney("6", "alice smith");
        await again.Confirm();
        Assert.StartsWith("Done.", Speech.Of(await again.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Empty(amazon.Violations);
    }

    private static async Task<SkillHarness> StartAsync(Dictionary<string, string?> settings) => await SkillHarness.StartAsync(settings);

    private static async Task<PinRecord> PinRecordAsync(SkillHarness harness) =>
        (await harness.Services.GetRequiredService<IUserStateStore>().GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None))!;
}

internal static class KmsSettings
{
    /// <summary>The PIN key in the fake KMS, as the Lambda function is configured (docs/configuration.md).</summary>
    public static Dictionary<string, string?> BaseSettings(this KmsFake kms, FakeAmazonApis amazon) => new()
    {
        ["VoicePay:PinKey:Provider"] = "Kms",
        ["VoicePay:PinKey:KmsKeyId"] = kms.KeyId,
        ["VoicePay:PinKey:KmsServiceUrl"] = amazon.BaseAddress.AbsoluteUri,

        // The first call builds and warms the SDK's client: on a loaded test machine that alone can pass 2 s.
        ["VoicePay:PinKey:KmsTimeout"] = "00:00:05",
    };
}
