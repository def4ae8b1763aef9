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
    /// <summary>Enrols or replaces the PIN; clears the attempt counter and any lock.</summary>
    Task SetPinAsync(string userId, StoredPin pin, CancellationToken cancellationToken);

    Task<PinRecord?> GetPinAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one PIN attempt before the PIN is evaluated. Returns false, and claims nothing, when
    /// <paramref name="maxAttempts"/> consecutive attempts have already been claimed (the PIN is locked).
    /// Ten parallel callers with <paramref name="maxAttempts"/> = 3 get exactly three trues.
    /// </summary>
    Task<bool> TryClaimPinAttemptAsync(string userId, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>After a correct PIN: the consecutive-failure count starts again from zero.</summary>
    Task ResetPinAttemptsAsync(string userId, CancellationToken cancellationToken);

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

/// <summary>A PIN as stored: never the PIN itself, only a salted, peppered hash and how it was made.</summary>
public sealed record StoredPin(string Algorithm, byte[] Salt, byte[] Hash, int Iterations);

/// <param name="Pin">The stored hash.</param>
/// <param name="AttemptsSinceSuccess">Attempts claimed since the last correct PIN (each claimed before it is checked).</param>
public sealed record PinRecord(StoredPin Pin, int AttemptsSinceSuccess)
{
    public bool IsLocked(int maxAttempts) => AttemptsSinceSuccess >= maxAttempts;
}
