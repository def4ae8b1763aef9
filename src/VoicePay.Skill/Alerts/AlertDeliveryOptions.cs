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
