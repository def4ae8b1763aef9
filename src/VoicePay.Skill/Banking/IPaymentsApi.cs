namespace VoicePay.Skill.Banking;

/// <summary>
/// The port to the bank's payments API (docs/payments-api.yaml). The access token is the
/// person's account-linking token; implementations never log it.
/// </summary>
public interface IPaymentsApi
{
    /// <summary>The bank customer the token belongs to: links an Alexa user to the customer its bank alerts are for.</summary>
    Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken);

    Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken);

    Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>The transactions <paramref name="query"/> asks for, newest first, one page at a time.</summary>
    Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a transfer. Retrying with the same <see cref="TransferRequest.IdempotencyKey"/> never moves money twice.
    /// Returns <see cref="BankError.OutcomeUnknown"/> when the bank may have acted but did not confirm.
    /// </summary>
    Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken);

    Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken);

    /// <summary>
    /// The transfer an idempotency key created, as it stands now, or <see cref="BankError.TransferNotFound"/> when the
    /// bank holds none for it. A read: it never creates anything, so settling an unknown transfer asks with this.
    /// </summary>
    Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Texts a new one-time code to the customer's phone on file (replacing any earlier one). The same
    /// <paramref name="idempotencyKey"/> sends one text however often it is repeated, and gets the same code back.
    /// </summary>
    Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Checks a code the person said. Repeating the same <paramref name="idempotencyKey"/> is not counted twice.</summary>
    Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken);
}
