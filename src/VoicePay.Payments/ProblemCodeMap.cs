using System.Net;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments;

/// <summary>Maps the bank's stable problem codes (docs/payments-api.yaml) to <see cref="BankError"/>.</summary>
internal static class ProblemCodeMap
{
    public static BankError? FromCode(string? code) => code switch
    {
        "unauthorized" => BankError.Unauthorized,
        "insufficient_funds" => BankError.InsufficientFunds,
        "limit_exceeded" => BankError.LimitExceeded,
        "payee_not_found" => BankError.PayeeNotFound,
        "account_not_found" => BankError.AccountNotFound,
        "invalid_amount" => BankError.InvalidAmount,
        "idempotency_conflict" => BankError.IdempotencyConflict,
        "transfer_not_found" => BankError.TransferNotFound,
        "transfer_expired" => BankError.TransferExpired,
        "no_phone_on_file" => BankError.NoPhoneOnFile,
        "verification_code_not_found" => BankError.VerificationCodeNotFound,
        "too_many_codes" => BankError.TooManyCodes,
        _ => null,
    };

    /// <summary>
    /// A definite refusal (4xx): the bank did nothing. Codes win; without one, 401 and 409 still mean
    /// what they say, and any other refusal is reported as "unavailable, nothing moved".
    /// </summary>
    public static BankError FromRefusal(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.Unauthorized ? BankError.Unauthorized
        : FromCode(code) is { } error ? error
        : status == HttpStatusCode.Conflict ? BankError.IdempotencyConflict
        : BankError.Unavailable;
}
