using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Pipeline;

/// <summary>Request idempotency (section <c>VoicePay:Replay</c>, docs/architecture.md): how long answers are kept, how long a repeat waits.</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "VoicePay:Replay";

    /// <summary>Alexa's timestamp tolerance: a signed request older than this is refused by request verification.</summary>
    public static readonly TimeSpan AlexaTimestampTolerance = TimeSpan.FromSeconds(150);

    /// <summary>
    /// How long the answer to a request id is kept after the later of its timestamp and its handling. Never shorter than
    /// <see cref="AlexaTimestampTolerance"/>: every replay that verification still accepts must find the answer.
    /// </summary>
    public TimeSpan Window { get; set; } = AlexaTimestampTolerance;

    /// <summary>
    /// How long a repeat that arrives while the first delivery still runs waits for its answer, before saying
    /// "I'm still working on that" without doing anything. Below Alexa's 8 s, with room for the answer.
    /// </summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class ReplayOptionsValidator : IValidateOptions<ReplayOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Window < ReplayOptions.AlexaTimestampTolerance || options.Window > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail("VoicePay:Replay:Window must be at least 00:02:30 (Alexa's timestamp tolerance) and at most 01:00:00.");
        }

        return options.Wait <= TimeSpan.Zero || options.Wait > TimeSpan.FromSeconds(6)
            ? ValidateOptionsResult.Fail("VoicePay:Replay:Wait must be more than 0 and at most 00:00:06.")
            : ValidateOptionsResult.Success;
    }
}
