namespace VoicePay.Payments;

/// <summary>
/// Where the bank's account-event feed is and the service credential that reads it
/// (<c>VoicePay:BankEvents:*</c>). The feed is read by a background job, not inside an Alexa turn,
/// so its budget is looser than the payments client's.
/// </summary>
public sealed class BankEventFeedOptions
{
    public const string SectionName = "VoicePay:BankEvents";

    /// <summary>The API root; unset, the payments API's <c>VoicePay:Payments:BaseUrl</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The bank's service key, sent as <c>Authorization: Bearer</c>. A secret: never logged, and on
    /// Lambda read from SSM Parameter Store rather than the environment.
    /// </summary>
    public string? ServiceKey { get; set; }

    /// <summary>SSM Parameter Store SecureString holding <see cref="ServiceKey"/> (Lambda: read once at init).</summary>
    public string? ServiceKeyParameterName { get; set; }

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The same pipeline as the payments client (PaymentsResiliencePipeline), with this budget.</summary>
    internal PaymentsClientOptions Pipeline() => new()
    {
        BaseUrl = BaseUrl,
        AttemptTimeout = AttemptTimeout,
        TotalTimeout = TotalTimeout,
        MaxRetries = MaxRetries,
        RetryBaseDelay = RetryBaseDelay,
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };
}
