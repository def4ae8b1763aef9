using VoicePay.Skill.State;

namespace VoicePay.Skill.Transfers;

/// <summary>What happened to a transfer, as far as anyone can know.</summary>
public enum TransferResult
{
    /// <summary>The bank confirmed it: money moved.</summary>
    Sent,

    /// <summary>Nothing moved, for certain: the bank said so, or the bank was never called.</summary>
    Declined,

    /// <summary>The bank may have acted. Never "nothing was sent".</summary>
    Unknown,
}

/// <summary>Why a transfer was declined; each has its own truthful words.</summary>
public enum DeclineReason
{
    OverDailyLimit,
    InsufficientFunds,
    BankLimit,
    PayeeGone,
    AccountGone,
    InvalidAmount,
    Conflict,
    Unauthorized,
    Unavailable,

    /// <summary>Confirmed, but its session ended before the PIN; a later launch cancelled it before it reached the bank.</summary>
    Abandoned,

    /// <summary>The bank did not create it within <see cref="TransferTiming.SendWithin"/> of the confirmation, and now never will.</summary>
    Expired,
}

/// <param name="Result">What happened.</param>
/// <param name="Entry">The transfer (as journalled, or as it would have been for a transfer refused before the bank was called).</param>
/// <param name="Reason">For <see cref="TransferResult.Declined"/>.</param>
/// <param name="DailyRemaining">For <see cref="DeclineReason.OverDailyLimit"/>.</param>
public sealed record TransferOutcome(TransferResult Result, JournalEntry Entry, DeclineReason? Reason = null, Domain.Money? DailyRemaining = null);

/// <summary>
/// What one turn did with money. Set before the bank is called, so the exception handler knows
/// whether "no money was moved" is true.
/// </summary>
public sealed class TurnRecord
{
    /// <summary>The transfer this turn handed to the bank, if any.</summary>
    public JournalEntry? CalledBankFor { get; set; }

    /// <summary>Its outcome, once known.</summary>
    public TransferOutcome? Outcome { get; set; }
}
