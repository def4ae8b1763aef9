using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Security;

/// <summary>
/// The secret keyed into the older PIN records (<see cref="PinHasher"/>). Asked for when such a record is checked,
/// not at start-up: on Lambda it comes from SSM, and no launch, balance or new PIN needs it (bench/README.md).
/// Throws <see cref="PinMacUnavailableException"/> when it cannot be read right now.
/// </summary>
public interface IPinPepper
{
    ValueTask<byte[]> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The pepper from configuration (<see cref="PinOptions.Pepper"/>): local runs, the host, tests.</summary>
public sealed class ConfiguredPinPepper(IOptions<PinOptions> options) : IPinPepper
{
    private byte[]? pepper;

    public ValueTask<byte[]> GetAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(pepper ??= PinPepper.Parse(options.Value.Pepper, "VoicePay:Pin:Pepper"));
}

public static class PinPepper
{
    /// <summary>The pepper's bytes; throws naming <paramref name="source"/>, never quoting the value (a secret).</summary>
    public static byte[] Parse(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{source} is not configured; PINs cannot be hashed without it.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} must be base64.");
        }

        return bytes.Length >= PinRulesValidator.MinimumPepperBytes
            ? bytes
            : throw new InvalidOperationException($"{source} must be at least {PinRulesValidator.MinimumPepperBytes} bytes.");
    }
}
