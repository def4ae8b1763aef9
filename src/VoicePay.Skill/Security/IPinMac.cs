namespace VoicePay.Skill.Security;

/// <summary>
/// The key that makes and checks voice PIN records: an HMAC-SHA256 key held by AWS KMS on Lambda
/// (<c>GenerateMac</c> / <c>VerifyMac</c>: the key never leaves the HSM and every guess is an audited call), a local
/// key for local runs and the CLI. docs/security.md says why.
/// </summary>
public interface IPinMac
{
    /// <summary>Names the key's kind in <see cref="State.StoredPin.Algorithm"/>, so a record is checked by the key that made it.</summary>
    string Algorithm { get; }

    /// <summary>The MAC of <paramref name="message"/>; throws <see cref="PinMacUnavailableException"/> when the key cannot be reached.</summary>
    Task<byte[]> GenerateMacAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="mac"/> is the MAC of <paramref name="message"/>, decided where the key lives. Throws
    /// <see cref="PinMacUnavailableException"/> when it cannot tell (unreachable, throttled, failing, too slow):
    /// that is never a wrong PIN.
    /// </summary>
    Task<bool> VerifyMacAsync(ReadOnlyMemory<byte> message, ReadOnlyMemory<byte> mac, CancellationToken cancellationToken);
}

/// <summary>The PIN key could not answer, so nothing was decided about the PIN. The message never holds the PIN or the MAC.</summary>
public sealed class PinMacUnavailableException : Exception
{
    public PinMacUnavailableException()
    {
    }

    public PinMacUnavailableException(string message)
        : base(message)
    {
    }

    public PinMacUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
