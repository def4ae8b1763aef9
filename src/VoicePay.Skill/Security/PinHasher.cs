using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Security;

/// <summary>
/// The older PIN record: PBKDF2-HMAC-SHA256 over HMAC-SHA256(pepper, userId ‖ PIN) with a random salt. Records of
/// this form are still verified, and rewritten by <see cref="PinProtector"/> (the PIN key, KMS on Lambda) after their
/// next correct PIN; none is made any more (docs/security.md says why: with the table and the pepper from one process,
/// 10,000 PINs fall in seconds).
/// </summary>
public sealed class PinHasher
{
    public const string Algorithm = "pbkdf2-sha256+hmac-pepper";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] pepper;

    public PinHasher(IOptions<PinOptions> options)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.Pepper))
        {
            throw new InvalidOperationException("VoicePay:Pin:Pepper is not configured; PINs cannot be hashed without it.");
        }

        try
        {
            pepper = Convert.FromBase64String(value.Pepper);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("VoicePay:Pin:Pepper must be base64.");
        }

        if (pepper.Length < 16)
        {
            throw new InvalidOperationException("VoicePay:Pin:Pepper must be at least 16 bytes.");
        }
    }

    /// <summary>A record of the older form, as enrolment made them before the PIN key (tests of the rewrite make them so).</summary>
    public StoredPin Hash(string userId, VoicePin pin, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredPin(Algorithm, salt, Derive(userId, pin, salt, iterations), iterations);
    }

    public bool Verify(string userId, VoicePin pin, StoredPin stored)
    {
        if (stored.Algorithm != Algorithm)
        {
            return false;
        }

        var candidate = Derive(userId, pin, stored.Salt, stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(candidate, stored.Hash);
    }

    private byte[] Derive(string userId, VoicePin pin, byte[] salt, int rounds)
    {
        // Binding the user ID means one person's hash cannot be copied onto another's record.
        Span<byte> message = stackalloc byte[Encoding.UTF8.GetMaxByteCount(userId.Length + VoicePin.Length + 1)];
        var written = Encoding.UTF8.GetBytes(userId, message);
        message[written++] = 0;
        written += Encoding.UTF8.GetBytes(pin.Digits, message[written..]);

        Span<byte> keyed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(pepper, message[..written], keyed);
        CryptographicOperations.ZeroMemory(message);
        return Rfc2898DeriveBytes.Pbkdf2(keyed, salt, rounds, HashAlgorithmName.SHA256, HashBytes);
    }
}
