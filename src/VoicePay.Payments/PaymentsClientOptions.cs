namespace VoicePay.Payments;

/// <summary>
/// Where the payments API is and how long the skill may wait for it. The defaults fit Alexa's
/// 8-second response limit: at most <see cref="TotalTimeout"/> across all attempts, less if the
/// caller's cancellation token (the Lambda's remaining time) fires first.
/// </summary>
public sealed class PaymentsClientOptions
{
    /// <summary>The configuration section read by the IConfiguration overload.</summary>
    public const string SectionName = "VoicePay:Payments";

    /// <summary>The API root, e.g. https://bank.example/ (paths such as v1/accounts are relative to it).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The budget for a whole call, retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Retries after the first attempt; transfers retry with the same idempotency key.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest Retry-After the client will wait; longer ones end the call at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the circuit may open (at least 2).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast, without touching the bank.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
