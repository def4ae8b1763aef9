using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Security;

public enum PinMode
{
    /// <summary>Our own four-digit voice PIN, MACed with the PIN key (<see cref="PinKeyOptions"/>) and locked out server-side.</summary>
    Skill,

    /// <summary>Alexa's profile PIN through <c>AMAZON.VerifyPerson</c> with the <c>VOICE_PIN</c> policy.</summary>
    AlexaVoicePin,
}

/// <summary>What a voice Alexa did not recognize (no <c>context.System.person</c>) may do (issue 19, item 5).</summary>
public enum UnrecognizedVoices
{
    /// <summary>As before people were told apart: everything, with the account's own voice PIN.</summary>
    PinAsToday,

    /// <summary>
    /// No payments and no moves (refused before a payee or account is looked up); balances, transactions, spending and
    /// alerts still only after the account's voice PIN. Recognized people pay with their own PINs.
    /// </summary>
    BalancesOnly,
}

public sealed class PinOptions
{
    public PinMode Mode { get; set; } = PinMode.Skill;

    /// <summary>Base64 server-side secret keyed into the older PIN hashes (<see cref="PinHasher"/>), still verified. In AWS: <see cref="PepperParameterName"/>.</summary>
    public string Pepper { get; set; } = string.Empty;

    /// <summary>
    /// The SSM Parameter Store SecureString the Lambda reads the pepper from, once, when it first checks a PIN record of
    /// the older form (never at start-up: no launch needs it). When set, it is used instead of <see cref="Pepper"/>.
    /// </summary>
    public string? PepperParameterName { get; set; }

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Checked by <see cref="PinRulesValidator"/>: a TimeSpan [Range] needs reflection over type converters.</summary>
    public TimeSpan VerifiedFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool RequiredForBalance { get; set; } = true;

    /// <summary><c>VoicePay:Pin:UnrecognizedVoices</c>: what a voice Alexa did not recognize may do (docs/security.md).</summary>
    public UnrecognizedVoices UnrecognizedVoices { get; set; } = UnrecognizedVoices.PinAsToday;
}

[OptionsValidator]
public sealed partial class PinOptionsValidator : IValidateOptions<PinOptions>;

/// <summary>
/// The rules attributes cannot say: the pepper is needed by our own PIN only, and a short one would make the hashes
/// guessable (docs/security.md); a verified PIN lasts between 10 seconds and an hour.
/// </summary>
public sealed class PinRulesValidator : IValidateOptions<PinOptions>
{
    public static readonly TimeSpan ShortestVerifiedFor = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan LongestVerifiedFor = TimeSpan.FromHours(1);

    /// <summary>PinHasher's floor; 32 bytes are recommended.</summary>
    public const int MinimumPepperBytes = 16;

    public ValidateOptionsResult Validate(string? name, PinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.VerifiedFor < ShortestVerifiedFor || options.VerifiedFor > LongestVerifiedFor)
        {
            failures.Add("PinOptions.VerifiedFor must be from 00:00:10 to 01:00:00.");
        }

        if (options.Mode == PinMode.Skill && string.IsNullOrWhiteSpace(options.PepperParameterName) && PepperProblem(options.Pepper) is { } problem)
        {
            failures.Add(problem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Never quotes the value: the pepper is a secret.
    private static string? PepperProblem(string pepper)
    {
        if (string.IsNullOrWhiteSpace(pepper))
        {
            return "PinOptions.Pepper is required for Mode Skill (in the Lambda, name its SSM parameter in PinOptions.PepperParameterName).";
        }

        var bytes = new byte[pepper.Length];
        return Convert.TryFromBase64String(pepper, bytes, out var length) && length >= MinimumPepperBytes
            ? null
            : $"PinOptions.Pepper must be base64 of at least {MinimumPepperBytes} bytes (32 recommended).";
    }
}
