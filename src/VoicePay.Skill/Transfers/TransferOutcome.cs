using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Transfers;

public enum TransferOutcomeKind
{
    Sent,
    OverDailyLimit,
    Declined,
    Unauthorized,

    /// <summary>The bank was not reached or refused before acting: no money moved.</summary>
    Unavailable,

    /// <summary>The bank may have acted: do not send again; resolve with the same key.</summary>
    Unknown,
}

public sealed record TransferOutcome(TransferOutcomeKind Kind, TransferReceipt? Receipt = null, BankError? Error = null, Money? DailyRemaining = null);
