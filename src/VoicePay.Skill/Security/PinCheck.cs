namespace VoicePay.Skill.Security;

public enum PinCheckOutcome
{
    Verified,
    Wrong,
    Locked,
    NotEnrolled,

    /// <summary>Other attempts were still being compared; nothing was compared for this one. Not a lock.</summary>
    Busy,

    /// <summary>The PIN key (KMS) did not answer: nothing was compared, nothing counted. Not a wrong PIN, not a lock.</summary>
    Unavailable,
}

/// <param name="Outcome">What happened.</param>
/// <param name="AttemptsLeft">For <see cref="PinCheckOutcome.Wrong"/>: tries left before the lock.</param>
public readonly record struct PinCheck(PinCheckOutcome Outcome, int AttemptsLeft = 0);

public enum PinReadiness
{
    Ready,
    NotEnrolled,
    Locked,
}
