using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VoicePay.Payments;

/// <summary>
/// Where the payments API is and how long the skill may wait for it. The defaults fit Alexa's
/// 8-second response limit: at most <see cref="TotalTimeout"/> across all attempts, less if the
/// caller's cancellation token (the Lambda's remaining time) fires first.
/// </summary>
public sealed class PaymentsClientOptions
{
    /// <summary>The API root, e.g. https://bank.example/ (paths such as v1/accounts are relative to it).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The budget for a whole call, retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Retries after the first attempt; transfers retry with the same idempotency key.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest Retry-After the client will wait; longer ones end the call at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the circuit may open (at least 2).</summary>
    [Range(2, int.MaxValue)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast, without touching the bank.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

[OptionsValidator]
public sealed partial class PaymentsClientOptionsValidator : IValidateOptions<PaymentsClientOptions>;

/// <summary>
/// The rules across fields and on durations (a TimeSpan [Range] needs reflection): an absolute http(s) bank, one
/// attempt within the whole budget, and the circuit breaker's windows at least Polly's half second.
/// </summary>
public sealed class PaymentsClientRulesValidator : IValidateOptions<PaymentsClientOptions>
{
    private static readonly TimeSpan PollyMinimumWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, PaymentsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("PaymentsClientOptions.BaseUrl is required: the bank's absolute http(s) URL.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add("PaymentsClientOptions.AttemptTimeout must be more than 0 and at most PaymentsClientOptions.TotalTimeout.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("PaymentsClientOptions.RetryBaseDelay and PaymentsClientOptions.MaxRetryAfter must not be negative.");
        }

        if (options.CircuitBreakerSamplingDuration < PollyMinimumWindow || options.CircuitBreakerBreakDuration < PollyMinimumWindow)
        {
            failures.Add("PaymentsClientOptions.CircuitBreakerSamplingDuration and PaymentsClientOptions.CircuitBreakerBreakDuration must be at least 00:00:00.5.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
