using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Progress;

/// <summary>"One moment while I check with your bank" (section <c>VoicePay:ProgressiveResponse</c>, docs/architecture.md).</summary>
public sealed class ProgressiveResponseOptions
{
    public const string SectionName = "VoicePay:ProgressiveResponse";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a bank call may take before the person hears "one moment".</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The directive call's own deadline; it runs beside the turn, never in its way.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Also send to a plain-http loopback apiEndpoint (tests, local fakes). Off in production: the request's
    /// apiAccessToken then only ever travels over https.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }
}

public sealed class ProgressiveResponseOptionsValidator : IValidateOptions<ProgressiveResponseOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgressiveResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Delay <= TimeSpan.Zero || options.Delay > TimeSpan.FromSeconds(6))
        {
            return ValidateOptionsResult.Fail("VoicePay:ProgressiveResponse:Delay must be more than 0 and at most 00:00:06.");
        }

        // Alexa waits 8 s for the whole turn; a progressive response after that is pointless.
        return options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromSeconds(5)
            ? ValidateOptionsResult.Fail("VoicePay:ProgressiveResponse:Timeout must be more than 0 and at most 00:00:05.")
            : ValidateOptionsResult.Success;
    }
}
