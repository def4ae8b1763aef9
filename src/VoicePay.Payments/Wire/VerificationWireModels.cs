namespace VoicePay.Payments.Wire;

// docs/payments-api.yaml's verification codes as the client reads them. The code travels only in a check's body.

internal sealed record VerificationCodeRequestWire(string Channel);

internal sealed record VerificationCodeWire(string Id, DateTimeOffset ExpiresAt, string? PhoneLastDigits = null);

internal sealed record CodeCheckRequestWire(string Code);

internal sealed record CodeCheckWire(string Status, int AttemptsLeft);
