namespace VoicePay.Skill.State;

/// <summary>
/// How long records outlive their use (docs/privacy.md has the reasons): the SQLite store's sweep deletes by these
/// periods and the DynamoDB store writes them as <c>expiresAt</c> (TTL); one contract suite holds both stores to them.
/// </summary>
public static class Retention
{
    /// <summary>A day's reservations after the day began: long enough for the day to end in every time zone.</summary>
    public static readonly TimeSpan DailyReservations = TimeSpan.FromDays(2);

    /// <summary>A settled transfer (sent or declined) after it settled: enough to answer "did my payment go?".</summary>
    public static readonly TimeSpan SettledTransfers = TimeSpan.FromDays(30);

    /// <summary>An alert after the person heard it.</summary>
    public static readonly TimeSpan HeardAlerts = TimeSpan.FromDays(7);

    /// <summary>An alert never heard (or never delivered) after the event happened: old news by then.</summary>
    public static readonly TimeSpan UnheardAlerts = TimeSpan.FromDays(30);

    /// <summary>A "forgotten" tombstone; unknown transfers settle within days, and a settled one goes anyway after <see cref="SettledTransfers"/>.</summary>
    public static readonly TimeSpan Tombstones = TimeSpan.FromDays(90);
}
