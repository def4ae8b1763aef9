using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// Issue 19, item 5: each recognized member of a household has a PIN, an attempt window and a lockout of their own on
/// the shared account, beside the account's, on every store; and a PIN enrolled under one never verifies for another.
/// </summary>
public abstract partial class UserStateStoreContract
{
    [Fact]
    public async Task Each_person_has_a_pin_and_an_attempt_window_of_their_own_beside_the_accounts()
    {
        var account = PinHolder.Account(_user);
        var alice = new PinHolder(_user, "amzn1.ask.person.ALICE");
        var bob = new PinHolder(_user, "amzn1.ask.person.BOB");
        await Store.SetPinAsync(account, Pin(1), Ct);
        Assert.Null(await Store.GetPinAsync(alice, Ct));

        await Store.SetPinAsync(alice, Pin(2), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await Store.UpdatePinAttemptsAsync(alice, w => w.Claim($"request-{i}", MaxAttempts, Now), Ct);
            await Store.UpdatePinAttemptsAsync(alice, w => (w.Complete($"request-{i}", correct: false, Now), 0), Ct);
        }

        // Alice is locked; the account and Bob are not, and their records are their own.
        Assert.True((await Store.GetPinAsync(alice, Ct))!.IsLocked(MaxAttempts, Now));
        var accounts = (await Store.GetPinAsync(account, Ct))!;
        AssertSamePin(Pin(1), accounts.Pin);
        Assert.Empty(accounts.Attempts.Claims);
        Assert.Null(await Store.GetPinAsync(bob, Ct));
        Assert.Equal(PinClaimResult.Claimed, await Store.UpdatePinAttemptsAsync(bob, w => w.Claim("bob-1", MaxAttempts, Now), Ct));

        // Setting Bob's PIN clears Bob's window only; a new PIN for the account leaves Alice locked.
        await Store.SetPinAsync(bob, Pin(3), Ct);
        await Store.SetPinAsync(account, Pin(4), Ct);
        Assert.Empty((await Store.GetPinAsync(bob, Ct))!.Attempts.Claims);
        Assert.True((await Store.GetPinAsync(alice, Ct))!.IsLocked(MaxAttempts, Now));
        AssertSamePin(Pin(2), (await Store.GetPinAsync(alice, Ct))!.Pin);
        Assert.False(await Store.ReplacePinAsync(bob, Pin(2), Pin(5), Ct));

        // The same person ID under another user is another holder.
        Assert.Null(await Store.GetPinAsync(new PinHolder(NewUserId(), "amzn1.ask.person.ALICE"), Ct));
    }

    [Fact]
    public async Task A_pin_enrolled_under_one_person_never_verifies_for_another_nor_for_the_account()
    {
        var pinOptions = Options.Create(new PinOptions { Pepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        var key = new LocalPinMac(Options.Create(new PinKeyOptions { LocalKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        var verifier = new VoicePinVerifier(Store, new PinProtector(key, new PinHasher(new ConfiguredPinPepper(pinOptions))), pinOptions, Time, NullLogger<VoicePinVerifier>.Instance);
        Assert.True(VoicePin.TryParse("2468", out var pin));
        var alice = new PinHolder(_user, "amzn1.ask.person.ALICE");
        await verifier.EnrollAsync(alice, pin, Ct);
        Assert.Equal(PinCheckOutcome.Verified, (await verifier.CheckAsync(alice, "amzn1.echo-api.request.alice", pin, Ct)).Outcome);

        // Bob and the account have none of their own: Alice's PIN is not theirs.
        Assert.Equal(PinCheckOutcome.NotEnrolled, (await verifier.CheckAsync(new PinHolder(_user, "amzn1.ask.person.BOB"), "amzn1.echo-api.request.bob", pin, Ct)).Outcome);
        Assert.Equal(PinCheckOutcome.NotEnrolled, (await verifier.CheckAsync(PinHolder.Account(_user), "amzn1.echo-api.request.account", pin, Ct)).Outcome);

        // Alice's record copied onto Bob's, onto the account's, or onto Alice under another user: the MAC binds the holder.
        var record = (await Store.GetPinAsync(alice, Ct))!.Pin;
        foreach (var holder in new[] { new PinHolder(_user, "amzn1.ask.person.BOB"), PinHolder.Account(_user), new PinHolder(NewUserId(), "amzn1.ask.person.ALICE") })
        {
            await Store.SetPinAsync(holder, record, Ct);
            Assert.Equal(PinCheckOutcome.Wrong, (await verifier.CheckAsync(holder, "amzn1.echo-api.request.copied-" + holder.IsPerson, pin, Ct)).Outcome);
        }

        // And the account's record copied onto a person does not verify either.
        await verifier.EnrollAsync(PinHolder.Account(_user), pin, Ct);
        var carol = new PinHolder(_user, "amzn1.ask.person.CAROL");
        await Store.SetPinAsync(carol, (await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Pin, Ct);
        Assert.Equal(PinCheckOutcome.Wrong, (await verifier.CheckAsync(carol, "amzn1.echo-api.request.carol", pin, Ct)).Outcome);
    }
}
