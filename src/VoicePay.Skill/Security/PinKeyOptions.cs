using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Security;

public enum PinKeyProvider
{
    /// <summary>A key from configuration, in the process (local runs, the CLI).</summary>
    Local,

    /// <summary>An AWS KMS HMAC key (key spec HMAC_256, key usage GENERATE_VERIFY_MAC): the Lambda function.</summary>
    Kms,
}

/// <summary>The key voice PIN records are MACed with (<c>VoicePay:PinKey</c>, docs/security.md).</summary>
public sealed class PinKeyOptions
{
    public const string SectionName = "VoicePay:PinKey";

    public PinKeyProvider Provider { get; set; } = PinKeyProvider.Local;

    /// <summary>Base64 of at least 32 bytes; required with <see cref="PinKeyProvider.Local"/>. A secret: never printed.</summary>
    public string LocalKey { get; set; } = string.Empty;

    /// <summary>The KMS key's id, ARN or alias; required with <see cref="PinKeyProvider.Kms"/>.</summary>
    [StringLength(2048)]
    public string? KmsKeyId { get; set; }

    /// <summary>A KMS endpoint override (the loopback fake in tests; sent fixed local credentials); unset is AWS's own endpoint.</summary>
    public Uri? KmsServiceUrl { get; set; }

    /// <summary>The longest a KMS call may take, its one retry included; past it the PIN "can't be checked right now".</summary>
    public TimeSpan KmsTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

[OptionsValidator]
public sealed partial class PinKeyOptionsValidator : IValidateOptions<PinKeyOptions>;

/// <summary>The rules that depend on the provider; never quotes the local key.</summary>
public sealed class PinKeyRulesValidator : IValidateOptions<PinKeyOptions>
{
    public const int MinimumLocalKeyBytes = 32;

    public static readonly TimeSpan LongestKmsTimeout = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, PinKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Provider == PinKeyProvider.Local && DecodeLocalKey(options.LocalKey) is null)
        {
            failures.Add($"PinKeyOptions.LocalKey must be base64 of at least {MinimumLocalKeyBytes} bytes with Provider Local (the Lambda uses Provider Kms).");
        }

        if (options.Provider == PinKeyProvider.Kms && string.IsNullOrWhiteSpace(options.KmsKeyId))
        {
            failures.Add("PinKeyOptions.KmsKeyId is required with Provider Kms.");
        }

        if (options.KmsServiceUrl is { IsAbsoluteUri: false })
        {
            failures.Add("PinKeyOptions.KmsServiceUrl must be an absolute URL.");
        }

        // Alexa waits 8 s for the whole turn, the store and the bank included.
        if (options.KmsTimeout <= TimeSpan.Zero || options.KmsTimeout > LongestKmsTimeout)
        {
            failures.Add("PinKeyOptions.KmsTimeout must be more than 0 and at most 00:00:05.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The key's bytes, or null when it is not base64 of at least <see cref="MinimumLocalKeyBytes"/> bytes.</summary>
    public static byte[]? DecodeLocalKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= MinimumLocalKeyBytes ? bytes[..length] : null;
    }
}
