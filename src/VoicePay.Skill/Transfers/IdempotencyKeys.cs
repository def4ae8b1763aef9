using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Derives a transfer's idempotency key from what the person asked for and the request that
/// asked. A Lambda retry of that request derives the same key; a repeated "yes" or PIN reuses
/// the stored key; only a new request to send money makes a new one.
/// </summary>
public static class IdempotencyKeys
{
    public static string For(string userId, string? sessionId, string? requestId, string payeeId, string fromAccountId, Domain.Money amount)
    {
        var material = string.Join(
            '\n',
            userId,
            sessionId ?? string.Empty,
            requestId ?? string.Empty,
            payeeId,
            fromAccountId,
            amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            amount.Currency);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "vp-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
