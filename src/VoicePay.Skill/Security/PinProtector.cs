using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Security;

/// <summary>
/// Makes and checks voice PIN records with the PIN key (<see cref="IPinMac"/>): the record is a random salt and
/// MAC(key, tag ‖ salt ‖ user ID ‖ PIN), or for a recognized person (<see cref="PinHolder"/>) MAC(key, person tag ‖ salt ‖
/// user ID ‖ person ID ‖ PIN), so it cannot be moved to another user or another person, and without the key (in KMS on
/// Lambda) a stolen table gives nothing to guess against. Records of the older form (<see cref="PinHasher"/>,
/// PBKDF2) are still checked and are rewritten to this form after their next correct PIN (<see cref="VoicePinVerifier"/>).
/// </summary>
public sealed class PinProtector(IPinMac mac, PinHasher legacy)
{
    private const int SaltBytes = 16;

    // Domain separation: a MAC made for a PIN record can never pass as the MAC of anything else made with the same key.
    private static readonly byte[] Tag = "voicepay-pin-v1"u8.ToArray();

    // A recognized person's record (issue 19, item 5) has a tag of its own: no person's message can equal the account's.
    private static readonly byte[] PersonTag = "voicepay-person-pin-v1"u8.ToArray();

    public async Task<StoredPin> ProtectAsync(PinHolder holder, VoicePin pin, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var message = Message(holder, pin, salt);
        try
        {
            return new StoredPin(mac.Algorithm, salt, await mac.GenerateMacAsync(message, cancellationToken), Iterations: 0);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    /// <summary>Throws <see cref="PinMacUnavailableException"/> when the key cannot tell.</summary>
    public async Task<bool> VerifyAsync(PinHolder holder, VoicePin pin, StoredPin stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (IsLegacy(stored))
        {
            // Older records were only ever the account's: one found under a person was copied there, and binds no person.
            return !holder.IsPerson && await legacy.VerifyAsync(holder.UserId, pin, stored, cancellationToken);
        }

        // A record made by another key (a local record read where KMS is configured) cannot be checked: not a match.
        if (stored.Algorithm != mac.Algorithm || stored.Salt.Length != SaltBytes)
        {
            return false;
        }

        var message = Message(holder, pin, stored.Salt);
        try
        {
            return await mac.VerifyMacAsync(message, stored.Hash, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    /// <summary>A record of the PBKDF2 form, to be rewritten after its next correct PIN.</summary>
    public static bool IsLegacy(StoredPin stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Algorithm == PinHasher.Algorithm;
    }

    /// <summary>
    /// tag ‖ salt (16) ‖ length of the user ID (4, big-endian) ‖ user ID (UTF-8) ‖ [length of the person ID ‖ person ID] ‖
    /// PIN: unambiguous, whatever the IDs hold. The account's message is as it always was, so its records still verify.
    /// </summary>
    private static byte[] Message(PinHolder holder, VoicePin pin, byte[] salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder.UserId);
        var tag = holder.IsPerson ? PersonTag : Tag;
        var user = Encoding.UTF8.GetBytes(holder.UserId);
        var person = holder.PersonId is { } id ? Encoding.UTF8.GetBytes(id) : null;
        var length = tag.Length + salt.Length + sizeof(int) + user.Length + (person is null ? 0 : sizeof(int) + person.Length) + VoicePin.Length;
        var message = new byte[length];
        var at = 0;
        tag.CopyTo(message, at);
        at += tag.Length;
        salt.CopyTo(message, at);
        at += salt.Length;
        at = Prefixed(message, at, user);
        if (person is not null)
        {
            at = Prefixed(message, at, person);
        }

        Encoding.ASCII.GetBytes(pin.Digits, message.AsSpan(at));
        return message;
    }

    private static int Prefixed(byte[] message, int at, byte[] value)
    {
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(at), value.Length);
        value.CopyTo(message, at + sizeof(int));
        return at + sizeof(int) + value.Length;
    }
}
