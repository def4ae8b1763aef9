using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// Older PIN records (PBKDF2 with the pepper) are rewritten with the PIN key after their next correct PIN, on every
/// store: the rewrite is conditional on the record read, and leaves the attempt window alone.
/// </summary>
public abstract partial class UserStateStoreContract
{
    [Fact]
    public async Task A_pin_record_is_rewritten_only_while_it_is_unchanged_and_its_attempt_window_stays()
    {
        var old = Pin(1);
        await Store.SetPinAsync(PinHolder.Account(_user), old, Ct);
        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "amzn1.echo-api.request.in-flight"));
        var newer = new StoredPin(LocalPinMac.AlgorithmName, [.. Enumerable.Range(40, 16).Select(b => (byte)b)], [.. Enumerable.Range(60, 32).Select(b => (byte)b)], 0);

        Assert.True(await Store.ReplacePinAsync(PinHolder.Account(_user), old, newer, Ct));

        var record = await Store.GetPinAsync(PinHolder.Account(_user), Ct);
        AssertSamePin(newer, record!.Pin);
        Assert.Equal("amzn1.echo-api.request.in-flight", Assert.Single(record.Attempts.Claims).RequestId);

        // Re-enrolled meanwhile (the record is no longer the one read): kept.
        Assert.False(await Store.ReplacePinAsync(PinHolder.Account(_user), old, Pin(3), Ct));
        AssertSamePin(newer, (await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Pin);

        // Nothing to rewrite: nothing is created.
        var stranger = NewUserId();
        Assert.False(await Store.ReplacePinAsync(PinHolder.Account(stranger), old, newer, Ct));
        Assert.Null(await Store.GetPinAsync(PinHolder.Account(stranger), Ct));
    }

    [Fact]
    public async Task An_older_pbkdf2_record_is_verified_and_rewritten_with_the_pin_key_at_its_next_correct_pin()
    {
        var pinOptions = Options.Create(new PinOptions { Pepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        var hasher = new PinHasher(new ConfiguredPinPepper(pinOptions));
        var key = new LocalPinMac(Options.Create(new PinKeyOptions { LocalKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        var verifier = new VoicePinVerifier(Store, new PinProtector(key, hasher), pinOptions, Time, NullLogger<VoicePinVerifier>.Instance);
        Assert.True(VoicePin.TryParse("4321", out var pin));
        Assert.True(VoicePin.TryParse("4322", out var wrong));
        var legacy = await hasher.HashAsync(_user, pin, 1_000, CancellationToken.None);
        await Store.SetPinAsync(PinHolder.Account(_user), legacy, Ct);

        // A wrong PIN is counted as ever and rewrites nothing.
        Assert.Equal(new PinCheck(PinCheckOutcome.Wrong, 2), await verifier.CheckAsync(PinHolder.Account(_user), "amzn1.echo-api.request.wrong-1", wrong, Ct));
        AssertSamePin(legacy, (await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Pin);

        Assert.Equal(PinCheckOutcome.Verified, (await verifier.CheckAsync(PinHolder.Account(_user), "amzn1.echo-api.request.right-1", pin, Ct)).Outcome);

        var rewritten = (await Store.GetPinAsync(PinHolder.Account(_user), Ct))!;
        Assert.Equal(LocalPinMac.AlgorithmName, rewritten.Pin.Algorithm);
        Assert.Equal(0, rewritten.Pin.Iterations);
        Assert.NotEqual(legacy.Salt, rewritten.Pin.Salt);
        Assert.Empty(rewritten.Attempts.Claims);

        // The new form holds the same PIN, and only it; it is not rewritten again.
        Assert.Equal(new PinCheck(PinCheckOutcome.Wrong, 2), await verifier.CheckAsync(PinHolder.Account(_user), "amzn1.echo-api.request.wrong-2", wrong, Ct));
        Assert.Equal(PinCheckOutcome.Verified, (await verifier.CheckAsync(PinHolder.Account(_user), "amzn1.echo-api.request.right-2", pin, Ct)).Outcome);
        AssertSamePin(rewritten.Pin, (await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Pin);

        // Bound to the person: the record copied onto someone else's does not verify their PIN... or this one.
        var other = NewUserId();
        await Store.SetPinAsync(PinHolder.Account(other), rewritten.Pin, Ct);
        Assert.Equal(PinCheckOutcome.Wrong, (await verifier.CheckAsync(PinHolder.Account(other), "amzn1.echo-api.request.copied", pin, Ct)).Outcome);
    }
}
