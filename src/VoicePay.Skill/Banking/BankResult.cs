namespace VoicePay.Skill.Banking;

/// <summary>Why the bank did not do what was asked. Each maps to truthful speech.</summary>
public enum BankError
{
    /// <summary>No or rejected access token: the person must link their account.</summary>
    Unauthorized,
    InsufficientFunds,
    LimitExceeded,
    PayeeNotFound,
    AccountNotFound,
    InvalidAmount,

    /// <summary>The idempotency key was used before for a different transfer.</summary>
    IdempotencyConflict,

    /// <summary>The bank could not be reached or refused before acting: nothing was moved.</summary>
    Unavailable,

    /// <summary>A transfer was sent but its outcome could not be confirmed: it may or may not have happened.</summary>
    OutcomeUnknown,

    /// <summary>The bank holds no transfer for that id or idempotency key (a read's answer, not a refusal to act).</summary>
    TransferNotFound,

    /// <summary>The transfer request reached the bank after its own deadline (<see cref="TransferRequest.NotAfter"/>): nothing was created.</summary>
    TransferExpired,

    /// <summary>The bank has no mobile number on file for the customer, so it cannot text a code.</summary>
    NoPhoneOnFile,

    /// <summary>The bank holds no such verification code for the customer.</summary>
    VerificationCodeNotFound,

    /// <summary>The bank has texted the customer as many codes as it allows for now (an hour's window): none was sent.</summary>
    TooManyCodes,
}

/// <summary>Either a value from the bank or the reason there is none. Expected failures are not exceptions.</summary>
public readonly record struct BankResult<T>
{
    private BankResult(T? value, BankError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public BankError? Error { get; }

    public bool IsSuccess => Error is null;

    public static BankResult<T> Success(T value) => new(value, null);

    public static BankResult<T> Failure(BankError error) => new(default, error);

    public static implicit operator BankResult<T>(BankError error) => Failure(error);
}
