namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// How long records outlive their use, written as <c>expiresAt</c> (TTL) on each item that expires
/// (docs/privacy.md has the reasons). The SQLite store's sweep keeps the same periods; the contract suite holds both to them.
/// </summary>
internal static class Retention
{
    /// <summary>A day's reservations after the day began: long enough for the day to end in every time zone.</summary>
    public static readonly TimeSpan DailyReservations = TimeSpan.FromDays(2);

    /// <summary>A settled transfer (sent or declined) after it settled: enough to answer "did my payment go?".</summary>
    public static readonly TimeSpan SettledTransfers = TimeSpan.FromDays(30);

    /// <summary>An alert after the person heard it.</summary>
    public static readonly TimeSpan HeardAlerts = TimeSpan.FromDays(7);

    /// <summary>An alert never heard (or never delivered) after the event happened: old news by then.</summary>
    public static readonly TimeSpan UnheardAlerts = TimeSpan.FromDays(30);

    /// <summary>A "forgotten" tombstone; unknown transfers settle within days, and a settled one expires anyway after <see cref="SettledTransfers"/>.</summary>
    public static readonly TimeSpan Tombstones = TimeSpan.FromDays(90);
}
