using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Tests.Conversation;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// Linking at the first launch when the bank does not answer whose token it is: the launch is answered as
/// always, the wait is bounded (<see cref="AccountLinkInterceptor.BankTimeout"/>), and the next launch tries again.
/// </summary>
public sealed class LinkingOnLaunchTests
{
    [Fact]
    public async Task A_bank_that_never_answers_does_not_hold_up_the_launch_and_the_next_launch_links()
    {
        CustomerLookup? lookup = null;
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, bank) => lookup = new CustomerLookup(bank));
        var alerts = harness.Services.GetRequiredService<IAlertStore>();
        _ = harness.Pipeline;
        lookup!.Hang = true;

        // Bounded, not timed: a hung lookup must be given up long before this (it is given up after one second).
        var welcome = await harness.NewConversation().Launch().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(welcome), StringComparison.Ordinal);
        Assert.Equal(1, lookup.Cancelled);
        Assert.Null(await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Could not link the person for alerts", StringComparison.Ordinal) && l.Contains("the request goes on", StringComparison.Ordinal));

        lookup.Hang = false;
        await harness.NewConversation().Launch();
        Assert.Equal(SkillHarness.AliceCustomer, (await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None))?.CustomerId);
    }

    [Fact]
    public async Task A_bank_that_is_down_for_the_lookup_leaves_the_launch_as_it_was()
    {
        CustomerLookup? lookup = null;
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, bank) => lookup = new CustomerLookup(bank) { Fail = true });

        var welcome = await harness.NewConversation().Launch();

        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(welcome), StringComparison.Ordinal);
        Assert.Equal(1, lookup!.Calls);
        Assert.Null(await harness.Services.GetRequiredService<IAlertStore>().GetLinkAsync(Envelopes.UserId, CancellationToken.None));
    }

    /// <summary>The sandbox bank with the customer lookup made to hang until cancelled, or fail.</summary>
    private sealed class CustomerLookup(IPaymentsApi inner) : IPaymentsApi
    {
        private int calls;
        private int cancelled;

        public bool Hang { get; set; }

        public bool Fail { get; init; }

        public int Calls => Volatile.Read(ref calls);

        public int Cancelled => Volatile.Read(ref cancelled);

        public async Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            if (Fail)
            {
                return BankError.Unavailable;
            }

            if (Hang)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }
            }

            return await inner.GetCustomerAsync(accessToken, cancellationToken);
        }

        public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) => inner.GetAccountsAsync(accessToken, cancellationToken);

        public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) => inner.GetPayeesAsync(accessToken, cancellationToken);

        public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) => inner.GetTransactionsAsync(accessToken, query, cancellationToken);

        public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken) => inner.SendTransferAsync(accessToken, transfer, cancellationToken);

        public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) => inner.GetTransferAsync(accessToken, transferId, cancellationToken);

        public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken);

        public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken);

        public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) => inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken);
    }
}
