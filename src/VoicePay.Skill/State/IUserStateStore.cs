using VoicePay.Skill.Domain;

namespace VoicePay.Skill.State;

/// <summary>
/// Server-side, per-person state that must survive sessions and restarts and must not be
/// trusted from the client: the voice PIN, its attempt counter and lock, the daily total sent,
/// and the security-relevant state of the current conversation.
/// Every method is atomic on its own; implementations pass the same contract test suite.
/// </summary>
public interface IUserStateStore
{
    /// <summary>
    /// Enrols or replaces the holder's PIN; clears the holder's attempt counter and any lock. Each <see cref="PinHolder"/>
    /// of a user (the account, and every recognized person) has a record and a window of its own, and "forget me"
    /// (<see cref="Alerts.IPersonalData.ForgetAsync"/>) deletes them all.
    /// </summary>
    Task SetPinAsync(PinHolder holder, StoredPin pin, CancellationToken cancellationToken);

    Task<PinRecord?> GetPinAsync(PinHolder holder, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites the stored PIN to <paramref name="replacement"/> (the same PIN in a newer form) only while the record
    /// is still exactly <paramref name="current"/>: a PIN enrolled meanwhile is kept. The attempt window is left as it
    /// is. Returns whether the record was rewritten.
    /// </summary>
    Task<bool> ReplacePinAsync(PinHolder holder, StoredPin current, StoredPin replacement, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the holder's PIN attempt window atomically (read, change,
    /// write; on a concurrent write the change is run again on the newer window, so it must be pure).
    /// Works whether or not a PIN is enrolled; <see cref="SetPinAsync"/> empties the window.
    /// </summary>
    Task<T> UpdatePinAttemptsAsync<T>(PinHolder holder, Func<PinAttemptWindow, (PinAttemptWindow Window, T Result)> change, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="amount"/> to the day's total for the person unless that would pass
    /// <paramref name="dailyLimit"/>. The same <paramref name="idempotencyKey"/> is counted once:
    /// a repeat returns true without adding again.
    /// </summary>
    Task<bool> TryReserveDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, Money amount, Money dailyLimit, CancellationToken cancellationToken);

    /// <summary>Gives back a reservation whose transfer was refused by the bank. Unknown keys are ignored.</summary>
    Task ReleaseDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The total reserved so far for the day, zero in <paramref name="currency"/> when none.</summary>
    Task<Money> GetDailyTotalAsync(string userId, DateOnly day, string currency, CancellationToken cancellationToken);

    /// <summary>The conversation's server-side state (opaque JSON from the skill), or null when none or expired.</summary>
    Task<string?> GetConversationAsync(string userId, string sessionId, CancellationToken cancellationToken);

    Task SaveConversationAsync(string userId, string sessionId, string state, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task DeleteConversationAsync(string userId, string sessionId, CancellationToken cancellationToken);
}

/// <summary>
/// A PIN as stored: never the PIN itself. <paramref name="Hash"/> is the MAC made with the PIN key (<paramref name="Iterations"/>
/// 0), or in older records a PBKDF2 hash with its iterations; <paramref name="Algorithm"/> says which.
/// </summary>
public sealed record StoredPin(string Algorithm, byte[] Salt, byte[] Hash, int Iterations);

/// <param name="Pin">The stored hash.</param>
/// <param name="Attempts">The attempts that count against the lock.</param>
public sealed record PinRecord(StoredPin Pin, PinAttemptWindow Attempts)
{
    public bool IsLocked(int maxAttempts, DateTimeOffset now) => Attempts.IsLocked(maxAttempts, now);
}
