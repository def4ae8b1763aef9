using System.Net;
using System.Text;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments.Tests;

/// <summary>
/// Issue 19, item 3: a transfer between the customer's own accounts is the transfer operation with <c>toAccountId</c>
/// instead of <c>payeeId</c>, against the real sandbox: same idempotency, same read by key, the customer's total unchanged.
/// </summary>
public sealed class AccountTransferTests : IAsyncLifetime
{
    private const string AliceVacation = "acc-alice-vacation";
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task A_move_takes_from_one_account_and_gives_to_the_other_once_per_key_and_is_found_by_its_key()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        var (savings, checking, total) = (await Balance(TestBank.AliceSavings), await Balance(TestBank.AliceChecking), await TotalAsync());

        var moved = await client.SendTransferAsync(TestBank.Alice, Move(100m, key), CancellationToken.None);
        var replayed = await client.SendTransferAsync(TestBank.Alice, Move(100m, key), CancellationToken.None);
        var found = await client.FindTransferAsync(TestBank.Alice, key, CancellationToken.None);

        Assert.Null(moved.Error);
        Assert.Equal((TransferStatus.Completed, TestBank.AliceSavings, (string?)null, (string?)TestBank.AliceChecking), (moved.Value!.Status, moved.Value.FromAccountId, moved.Value.PayeeId, moved.Value.ToAccountId));
        Assert.Equal(moved.Value, replayed.Value);
        Assert.Equal(moved.Value, found.Value);
        Assert.Equal(savings - Money.Of(100m, "USD"), await Balance(TestBank.AliceSavings));
        Assert.Equal(checking + Money.Of(100m, "USD"), await Balance(TestBank.AliceChecking));
        Assert.Equal(total, await TotalAsync());
        Assert.Equal(1, _bank.TransferCount);
        Assert.Equal(0m, _bank.Server.Ledger.Audit().EntrySum);
        var onBooks = Assert.Single(_bank.Server.Ledger.Transfers());
        Assert.Equal((null, TestBank.AliceSavings, TestBank.AliceChecking, key), (onBooks.PayeeId, onBooks.FromAccountId, onBooks.ToAccountId, onBooks.IdempotencyKey));
    }

    [Fact]
    public async Task The_entries_read_as_transfers_between_the_accounts_with_no_counterparty()
    {
        var client = _bank.Client();
        Assert.True((await client.SendTransferAsync(TestBank.Alice, Move(25m, TestBank.NewKey(), from: AliceVacation), CancellationToken.None)).IsSuccess);

        var left = await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(Limit: 1, AccountId: AliceVacation), CancellationToken.None);
        var arrived = await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(Limit: 1, Text: "Vacation Savings", AccountId: TestBank.AliceChecking), CancellationToken.None);

        List<Transaction> newest = [left.Value!.Transactions[0], arrived.Value!.Transactions[0]];
        Assert.Equal(("Transfer to Everyday Checking", AliceVacation, -25m, (string?)null), (newest[0].Description, newest[0].AccountId, newest[0].Amount.Amount, newest[0].Counterparty));
        Assert.Equal(("Transfer from Vacation Savings", TestBank.AliceChecking, 25m, (string?)null), (newest[1].Description, newest[1].AccountId, newest[1].Amount.Amount, newest[1].Counterparty));
    }

    [Fact]
    public async Task Another_customers_account_a_missing_one_and_the_wrong_currency_are_refused_and_move_nothing()
    {
        var client = _bank.Client();
        var total = await TotalAsync();

        Assert.Equal(BankError.AccountNotFound, (await client.SendTransferAsync(TestBank.Alice, Move(10m, TestBank.NewKey(), to: TestBank.BobChecking), CancellationToken.None)).Error);
        Assert.Equal(BankError.AccountNotFound, (await client.SendTransferAsync(TestBank.Alice, Move(10m, TestBank.NewKey(), to: "acc-nobody"), CancellationToken.None)).Error);
        Assert.Equal(BankError.AccountNotFound, (await client.SendTransferAsync(TestBank.Bob, Move(10m, TestBank.NewKey(), from: TestBank.BobChecking, to: TestBank.AliceChecking), CancellationToken.None)).Error);
        Assert.Equal(BankError.InvalidAmount, (await client.SendTransferAsync(TestBank.Alice, Move(10m, TestBank.NewKey()) with { Amount = Money.Of(10m, "GBP") }, CancellationToken.None)).Error);

        Assert.Equal(0, _bank.TransferCount);
        Assert.Equal(total, await TotalAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5.00")]
    [InlineData("1.005")]
    public async Task A_non_positive_or_too_precise_amount_is_an_invalid_amount(string amount)
    {
        using var response = await PostAsync($$"""{"fromAccountId":"acc-alice-savings","toAccountId":"acc-alice-checking","amount":"{{amount}}","currency":"USD"}""", TestBank.NewKey());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"invalid_amount\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task More_than_the_account_holds_is_insufficient_funds()
    {
        var result = await _bank.Client().SendTransferAsync(TestBank.Alice, Move(3_400.01m, TestBank.NewKey(), from: AliceVacation), CancellationToken.None);

        Assert.Equal(BankError.InsufficientFunds, result.Error);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Theory]
    [InlineData("""{"fromAccountId":"acc-alice-savings","toAccountId":"acc-alice-savings","amount":"10.00","currency":"USD"}""")]
    [InlineData("""{"fromAccountId":"acc-alice-savings","toAccountId":"acc-alice-checking","payeeId":"payee-mom","amount":"10.00","currency":"USD"}""")]
    [InlineData("""{"fromAccountId":"acc-alice-savings","amount":"10.00","currency":"USD"}""")]
    public async Task The_same_account_both_destinations_or_none_is_a_400_that_is_not_stored_under_the_key(string body)
    {
        var key = TestBank.NewKey();
        using var refused = await PostAsync(body, key);
        var after = await _bank.Client().SendTransferAsync(TestBank.Alice, Move(10m, key), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"invalid_request\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(after.IsSuccess);
    }

    [Fact]
    public async Task The_same_key_for_a_payment_and_a_move_is_a_conflict()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        Assert.True((await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(10m, key, from: TestBank.AliceSavings), CancellationToken.None)).IsSuccess);

        var move = await client.SendTransferAsync(TestBank.Alice, Move(10m, key), CancellationToken.None);

        Assert.Equal(BankError.IdempotencyConflict, move.Error);
        Assert.Equal(1, _bank.TransferCount);
    }

    private static TransferRequest Move(decimal amount, string key, string from = TestBank.AliceSavings, string to = TestBank.AliceChecking) =>
        new(from, null, Money.Of(amount, "USD"), null, key, ToAccountId: to);

    private Task<Money> Balance(string account) => _bank.BalanceAsync(TestBank.Alice, account);

    private async Task<Money> TotalAsync()
    {
        var accounts = await _bank.Client().GetAccountsAsync(TestBank.Alice, CancellationToken.None);
        return accounts.Value!.Select(a => a.Current).Aggregate((a, b) => a + b);
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string key)
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/transfers", UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", TestBank.Alice);
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }
}
