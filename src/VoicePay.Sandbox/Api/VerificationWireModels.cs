namespace VoicePay.Sandbox.Api;

// docs/payments-api.yaml's verification codes. The code is never in an answer of the person API: only the phone gets it.

/// <summary>The channel is optional; "sms" is the only one the sandbox has.</summary>
public sealed record VerificationCodeRequestBody(string? Channel = null);

/// <summary>A code texted: its id, when it expires, and the last two digits of the phone it went to.</summary>
public sealed record VerificationCodeBody(string Id, DateTimeOffset ExpiresAt, string PhoneLastDigits);

public sealed record CodeCheckRequestBody(string? Code);

/// <summary><c>status</c>: verified, wrong, expired or locked; <c>attemptsLeft</c>: wrong tries still allowed.</summary>
public sealed record CodeCheckBody(string Status, int AttemptsLeft);

/// <summary>One text in the sandbox's outbox (sandbox only: a real bank's texts go to the phone and nowhere else).</summary>
public sealed record SentCodeBody(string CodeId, string CustomerId, string PhoneLastDigits, string Code, string Text, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

public sealed record SentCodeListBody(IReadOnlyList<SentCodeBody> Codes);
