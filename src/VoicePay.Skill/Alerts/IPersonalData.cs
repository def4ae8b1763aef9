namespace VoicePay.Skill.Alerts;

/// <summary>
/// Deleting what Voice Pay keeps about a person, and the retention sweep (docs/privacy.md). A port;
/// SQLite and DynamoDB adapters pass one contract suite, which checks by scanning the store.
/// </summary>
public interface IPersonalData
{
    /// <summary>
    /// Deletes every record of <paramref name="userId"/>: PIN and its attempts, conversations, daily
    /// reservations, the alert link, alerts and settled journal entries. Transfers whose outcome is still
    /// unknown (journal pending or unknown) are kept until they settle, then deleted by <see cref="SweepAsync"/>.
    /// </summary>
    Task ForgetAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes what is past its retention at <paramref name="now"/>; returns how many records went.</summary>
    Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
