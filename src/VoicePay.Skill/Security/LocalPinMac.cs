using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Security;

/// <summary>
/// HMAC-SHA256 with a key from configuration (<c>VoicePay:PinKey:LocalKey</c>), for local runs and the CLI. The key
/// lives in the process: the Lambda uses KMS instead (docs/security.md).
/// </summary>
public sealed class LocalPinMac : IPinMac
{
    public const string AlgorithmName = "hmac-sha256-local";

    private readonly byte[] key;

    public LocalPinMac(IOptions<PinKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        key = PinKeyRulesValidator.DecodeLocalKey(options.Value.LocalKey)
            ?? throw new InvalidOperationException($"VoicePay:PinKey:LocalKey must be base64 of at least {PinKeyRulesValidator.MinimumLocalKeyBytes} bytes.");
    }

    public string Algorithm => AlgorithmName;

    public Task<byte[]> GenerateMacAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        Task.FromResult(HMACSHA256.HashData(key, message.Span));

    public Task<bool> VerifyMacAsync(ReadOnlyMemory<byte> message, ReadOnlyMemory<byte> mac, CancellationToken cancellationToken) =>
        Task.FromResult(CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, message.Span), mac.Span));
}
