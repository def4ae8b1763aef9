namespace VoicePay.Skill.Banking;

/// <summary>
/// A one-time code the bank texted to the customer's phone on file (docs/payments-api.yaml, sendVerificationCode).
/// The code itself never reaches the skill: only the person, reading their phone, knows it.
/// </summary>
/// <param name="Id">Names the code for the check.</param>
/// <param name="ExpiresAt">After this the bank refuses every check of it.</param>
/// <param name="PhoneLastDigits">The last two digits of the phone it went to, when the bank says; never more.</param>
public sealed record VerificationCode(string Id, DateTimeOffset ExpiresAt, string? PhoneLastDigits);

/// <summary>What the bank made of a code the person said.</summary>
public enum CodeCheckStatus
{
    Verified,

    /// <summary>Not the code; <see cref="CodeCheck.AttemptsLeft"/> tries remain.</summary>
    Wrong,

    /// <summary>Past its expiry: a new code is needed.</summary>
    Expired,

    /// <summary>Too many wrong tries, or already used: a new code is needed.</summary>
    Locked,
}

public sealed record CodeCheck(CodeCheckStatus Status, int AttemptsLeft);
