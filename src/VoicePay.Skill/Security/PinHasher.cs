using System.Security.Cryptography;
using System.Text;
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

    private readonly IPinPepper pepper;

    public PinHasher(IPinPepper pepper) => this.pepper = pepper;

    /// <summary>A record of the older form, as enrolment made them before the PIN key (tests of the rewrite make them so).</summary>
    public async Task<StoredPin> HashAsync(string userId, VoicePin pin, int iterations, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StoredPin(Algorithm, salt, Derive(await pepper.GetAsync(cancellationToken), userId, pin, salt, iterations), iterations);
    }

    /// <summary>Throws <see cref="PinMacUnavailableException"/> when the pepper cannot be read right now.</summary>
    public async Task<bool> VerifyAsync(string userId, VoicePin pin, StoredPin stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Algorithm != Algorithm)
        {
            return false;
        }

        var candidate = Derive(await pepper.GetAsync(cancellationToken), userId, pin, stored.Salt, stored.Iterations);
        return CryptographicOperations.FixedTimeEquals(candidate, stored.Hash);
    }

    private static byte[] Derive(byte[] pepper, string userId, VoicePin pin, byte[] salt, int rounds)
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
