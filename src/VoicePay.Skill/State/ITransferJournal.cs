namespace VoicePay.Skill.State;

/// <summary>Where a transfer stands. Moves only forward: see <see cref="TransferJournal.CanMove"/>.</summary>
public enum JournalState
{
    /// <summary>Written before the bank is called; the call may be under way, or may have died with its process.</summary>
    Pending,

    /// <summary>The bank confirmed it: money moved.</summary>
    Sent,

    /// <summary>The bank said for certain that it created nothing.</summary>
    Declined,

    /// <summary>The bank may have acted; only a definitive answer from the bank settles it.</summary>
    Unknown,
}

/// <summary>One transfer as the skill recorded it, keyed by person and idempotency key.</summary>
public sealed record JournalEntry(
    string UserId,
    string IdempotencyKey,
    string PayeeId,
    string PayeeName,
    string FromAccountId,
    string FromAccountName,
    string FromAccountLastFour,
    decimal Amount,
    string Currency,
    DateOnly ReservedOn,
    JournalState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? TransferId = null,
    string? DeclineReason = null)
{
    public Domain.Money Money => new(Amount, Currency);

    /// <summary>Longer than any one bank call (retries included): a pending entry older than this lost its caller.</summary>
    public static readonly TimeSpan InFlightLimit = TimeSpan.FromSeconds(30);

    public bool IsSettled => State is JournalState.Sent or JournalState.Declined;

    /// <summary>
    /// Unknown, or pending with no caller left to finish it. A younger pending entry may be a call under
    /// way in another request: settling does not send it again, but it is as unsettled as any (an
    /// identical payment waits for it, whatever its age).
    /// </summary>
    public bool IsInDoubt(DateTimeOffset now) =>
        State == JournalState.Unknown || (State == JournalState.Pending && now - UpdatedAt >= InFlightLimit);
}

/// <summary>
/// The durable transfer journal (a port; SQLite and DynamoDB adapters pass one contract suite).
/// Every transfer is written before the bank is called, and its state only moves forward:
/// pending → sent | declined | unknown, unknown → sent | declined.
/// </summary>
public interface ITransferJournal
{
    /// <summary>
    /// Writes <paramref name="entry"/> (pending; or declined with its reason, for a transfer refused before
    /// any bank call) unless the key is already journalled; returns what is stored.
    /// </summary>
    Task<(JournalEntry Entry, bool Created)> BeginAsync(JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the entry to <paramref name="to"/> when <see cref="TransferJournal.CanMove"/> allows it, atomically;
    /// otherwise leaves it. Returns the entry as stored afterwards.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No entry with that key.</exception>
    Task<JournalEntry> AdvanceAsync(string userId, string idempotencyKey, JournalState to, string? transferId, string? declineReason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<JournalEntry?> FindAsync(string userId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The person's entries still pending or unknown, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> UnresolvedAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The person's sent entries whose last move (to sent) was at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> SentSinceAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The journal's rule, shared by every adapter.</summary>
public static class TransferJournal
{
    public static bool CanMove(JournalState from, JournalState to) => (from, to) switch
    {
        (JournalState.Pending, JournalState.Sent or JournalState.Declined or JournalState.Unknown) => true,
        (JournalState.Unknown, JournalState.Sent or JournalState.Declined) => true,
        _ => false,
    };

    /// <summary>The states from which <paramref name="to"/> can be reached (for conditional writes).</summary>
    public static IReadOnlyList<JournalState> From(JournalState to) =>
        [.. Enum.GetValues<JournalState>().Where(from => CanMove(from, to))];

    /// <summary>The argument rules of <see cref="ITransferJournal.BeginAsync"/>, shared by every adapter.</summary>
    public static void ValidateNew(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.UserId);
        ArgumentException.ThrowIfNullOrEmpty(entry.IdempotencyKey);
        // Declined at entry: refused before any bank call (a confirmed payment abandoned before its PIN).
        if (entry.State != JournalState.Pending && !(entry.State == JournalState.Declined && entry.DeclineReason is not null && entry.TransferId is null))
        {
            throw new ArgumentException("A transfer enters the journal as pending, or declined with a reason before any bank call.", nameof(entry));
        }

        if (entry.Amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), "A transfer's amount is positive.");
        }
    }
}
