using VoicePay.Skill.Banking;

namespace VoicePay.Composition;

/// <summary>
/// <see cref="IPaymentsApi"/> that builds the real client (HttpClient factory, resilience pipeline, handlers)
/// on its first call instead of when the skill is composed. Building it took about a third of the
/// Lambda's initialization, and a launch, help or stop turn never calls the bank (bench/README.md).
/// </summary>
internal sealed class DeferredPaymentsApi(Func<IPaymentsApi> create) : IPaymentsApi
{
    private readonly Lazy<IPaymentsApi> _api = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) =>
        _api.Value.GetCustomerAsync(accessToken, cancellationToken);

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) =>
        _api.Value.GetAccountsAsync(accessToken, cancellationToken);

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) =>
        _api.Value.GetPayeesAsync(accessToken, cancellationToken);

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) =>
        _api.Value.GetTransactionsAsync(accessToken, query, cancellationToken);

    public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken) =>
        _api.Value.SendTransferAsync(accessToken, transfer, cancellationToken);

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) =>
        _api.Value.GetTransferAsync(accessToken, transferId, cancellationToken);

    public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        _api.Value.FindTransferAsync(accessToken, idempotencyKey, cancellationToken);

    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        _api.Value.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken);

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) =>
        _api.Value.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken);
}
