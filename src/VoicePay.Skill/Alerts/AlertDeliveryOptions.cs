namespace VoicePay.Skill.Alerts;

/// <summary>How bank alerts are read from the bank's feed and delivered (<c>VoicePay:AlertDelivery</c>, docs/alerts.md).</summary>
public sealed class AlertDeliveryOptions
{
    public const string SectionName = "VoicePay:AlertDelivery";

    /// <summary>Run the delivery job (the host's background service; the Lambda's schedule runs it regardless).</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the host's background service runs a pass.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Events asked for in one read of the feed.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Pages read in one pass at most, so one pass stays short; the rest wait for the next.</summary>
    public int MaxPages { get; set; } = 10;

    /// <summary>Notifications sent in one pass at most.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Attempts before an alert's notification is given up (kept, logged and counted as failed).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles each time up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed alert is held by one sender; longer than one notify call with its retries.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Checks <c>VoicePay:AlertDelivery</c>; failures name the member, which the composition reports as the key.</summary>
public sealed class AlertDeliveryOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<AlertDeliveryOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, AlertDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add("AlertDeliveryOptions.Interval must be at least 00:00:01.");
        }

        if (options.PageSize is < 1 or > 100 || options.MaxPages < 1 || options.BatchSize < 1 || options.MaxAttempts < 1)
        {
            failures.Add("AlertDeliveryOptions.PageSize must be 1 to 100, and MaxPages, BatchSize and MaxAttempts at least 1.");
        }

        if (options.RetryBase <= TimeSpan.Zero || options.RetryMax < options.RetryBase)
        {
            failures.Add("AlertDeliveryOptions.RetryBase must be positive and RetryMax at least RetryBase.");
        }

        if (options.Lease < TimeSpan.FromSeconds(10))
        {
            failures.Add("AlertDeliveryOptions.Lease must be at least 00:00:10 (longer than one notification with its retries).");
        }

        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
