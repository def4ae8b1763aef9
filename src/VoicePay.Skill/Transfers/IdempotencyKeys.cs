using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Derives a transfer's idempotency key from what the person asked for and the request that
/// asked. A Lambda retry of that request derives the same key; a repeated "yes" or PIN reuses
/// the stored key; only a new request to send money makes a new one. Other keyed bank calls (the PIN set-up's codes)
/// derive theirs the same way, under their own prefix.
/// </summary>
public static class IdempotencyKeys
{
    public static string For(string userId, string? sessionId, string? requestId, string payeeId, string fromAccountId, Domain.Money amount)
    {
        return Derive(
            "vp-",
            userId,
            sessionId,
            requestId,
            payeeId,
            fromAccountId,
            amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            amount.Currency);
    }

    /// <summary><paramref name="prefix"/> and the first 16 bytes of a SHA-256 of the parts, one per line (null as empty).</summary>
    public static string Derive(string prefix, params string?[] parts) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))).AsSpan(0, 16));
}
