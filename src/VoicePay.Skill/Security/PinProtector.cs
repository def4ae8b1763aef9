using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Security;

/// <summary>
/// Makes and checks voice PIN records with the PIN key (<see cref="IPinMac"/>): the record is a random salt and
/// MAC(key, tag ‖ salt ‖ user ID ‖ PIN), so it cannot be moved to another person, and without the key (in KMS on
/// Lambda) a stolen table gives nothing to guess against. Records of the older form (<see cref="PinHasher"/>,
/// PBKDF2) are still checked and are rewritten to this form after their next correct PIN (<see cref="VoicePinVerifier"/>).
/// </summary>
public sealed class PinProtector(IPinMac mac, PinHasher legacy)
{
    private const int SaltBytes = 16;

    // Domain separation: a MAC made for a PIN record can never pass as the MAC of anything else made with the same key.
    private static readonly byte[] Tag = "voicepay-pin-v1"u8.ToArray();

    public async Task<StoredPin> ProtectAsync(string userId, VoicePin pin, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var message = Message(userId, pin, salt);
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
    public async Task<bool> VerifyAsync(string userId, VoicePin pin, StoredPin stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (IsLegacy(stored))
        {
            return await legacy.VerifyAsync(userId, pin, stored, cancellationToken);
        }

        // A record made by another key (a local record read where KMS is configured) cannot be checked: not a match.
        if (stored.Algorithm != mac.Algorithm || stored.Salt.Length != SaltBytes)
        {
            return false;
        }

        var message = Message(userId, pin, stored.Salt);
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

    /// <summary>tag ‖ salt (16) ‖ length of the user ID (4, big-endian) ‖ user ID (UTF-8) ‖ PIN: unambiguous, whatever the user ID holds.</summary>
    private static byte[] Message(string userId, VoicePin pin, byte[] salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = Encoding.UTF8.GetBytes(userId);
        var message = new byte[Tag.Length + salt.Length + sizeof(int) + user.Length + VoicePin.Length];
        var at = 0;
        Tag.CopyTo(message, at);
        at += Tag.Length;
        salt.CopyTo(message, at);
        at += salt.Length;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(at), user.Length);
        at += sizeof(int);
        user.CopyTo(message, at);
        at += user.Length;
        Encoding.ASCII.GetBytes(pin.Digits, message.AsSpan(at));
        return message;
    }
}
