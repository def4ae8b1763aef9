namespace VoicePay.Sandbox.Api;

/// <summary>The stable <c>code</c> values of the bank's problem responses (docs/payments-api.yaml).</summary>
public static class ProblemCodes
{
    public const string InsufficientFunds = "insufficient_funds";
    public const string LimitExceeded = "limit_exceeded";
    public const string PayeeNotFound = "payee_not_found";
    public const string AccountNotFound = "account_not_found";
    public const string TransferNotFound = "transfer_not_found";
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidRequest = "invalid_request";
    public const string IdempotencyConflict = "idempotency_conflict";

    /// <summary>The request arrived after its own <c>notAfter</c>: nothing was created, and the refusal is stored under the key.</summary>
    public const string TransferExpired = "transfer_expired";
    public const string Unauthorized = "unauthorized";

    /// <summary>A known credential of the wrong kind: a person's token on the service feed.</summary>
    public const string Forbidden = "forbidden";
    public const string CustomerNotFound = "customer_not_found";

    /// <summary>The customer has no mobile number on file: no code can be texted.</summary>
    public const string NoPhoneOnFile = "no_phone_on_file";

    /// <summary>No such verification code for this customer (another customer's is as unknown).</summary>
    public const string VerificationCodeNotFound = "verification_code_not_found";

    /// <summary>The customer was texted as many codes as the window allows: none is sent until the oldest leaves it.</summary>
    public const string TooManyCodes = "too_many_codes";
}
