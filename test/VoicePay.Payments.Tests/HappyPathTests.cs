using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments.Tests;

public sealed class HappyPathTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task Accounts_carry_ledger_balances_and_only_the_last_four_digits()
    {
        var result = await _bank.Client().GetAccountsAsync(TestBank.Alice, CancellationToken.None);

        Assert.True(result.IsSuccess);
        var accounts = result.Value!;
        var checking = Assert.Single(accounts, a => a.Type == AccountType.Checking);
        var savings = Assert.Single(accounts, a => a.Id == "acc-alice-savings");
        Assert.Equal(("acc-alice-checking", "Everyday Checking", "4821"), (checking.Id, checking.Nickname, checking.LastFour));

        // The seeded balance after months of history, to the cent: decimal all the way.
        Assert.Equal(Money.Of(4_209.27m, "USD"), checking.Current);
        Assert.Equal(checking.Current, checking.Available);
        Assert.Equal(Money.Of(12_262.04m, "USD"), savings.Current);
    }

    [Fact]
    public async Task Accounts_come_with_the_other_names_the_customer_gave_them()
    {
        var accounts = (await _bank.Client().GetAccountsAsync(TestBank.Alice, CancellationToken.None)).Value!;

        var vacation = Assert.Single(accounts, a => a.Nickname == "Vacation Savings");
        Assert.Equal((AccountType.Savings, "7710"), (vacation.Type, vacation.LastFour));
        Assert.Equal(["Vacation Savings", "vacation fund", "holiday fund"], vacation.Names);
        Assert.Equal(["Everyday Checking"], Assert.Single(accounts, a => a.Type == AccountType.Checking).Names);
        Assert.Equal(3, accounts.Count(a => a.Type == AccountType.Savings));
    }

    [Fact]
    public async Task A_bank_that_sends_no_other_names_reads_as_none()
    {
        // nicknames is optional in docs/payments-api.yaml: a bank without it must still be read.
        var strip = new FaultHandler(async (_, send, cancellationToken) =>
        {
            var response = await send();
            var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            foreach (var account in json["accounts"]!.AsArray())
            {
                account!.AsObject().Remove("nicknames");
            }

            response.Content = new StringContent(json.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        });

        var accounts = (await _bank.Client(perAttempt: strip).GetAccountsAsync(TestBank.Alice, CancellationToken.None)).Value!;

        Assert.All(accounts, a => Assert.Equal([a.Nickname], a.Names));
    }

    [Fact]
    public async Task The_gbp_customer_banks_in_pounds()
    {
        var result = await _bank.Client().GetAccountsAsync(TestBank.Oliver, CancellationToken.None);

        Assert.All(result.Value!, a => Assert.Equal("GBP", a.Current.Currency));
        Assert.Contains(result.Value!, a => a.Nickname == "Current Account" && a.Current == Money.Of(3_276.55m, "GBP"));
    }

    [Fact]
    public async Task Payees_come_with_nicknames_and_names_that_need_escaping()
    {
        var result = await _bank.Client().GetPayeesAsync(TestBank.Alice, CancellationToken.None);

        var payees = result.Value!;
        Assert.Equal(5, payees.Count);
        var mom = Assert.Single(payees, p => p.Id == TestBank.Mom);
        Assert.Equal("Mary Johnson", mom.DisplayName);
        Assert.Contains("Mom", mom.Nicknames);
        Assert.Contains(payees, p => p.DisplayName == "Tom & Jerry's Bakery");
        Assert.Contains(payees, p => p.DisplayName == "John Miller" && p.Nicknames.Contains("Jon"));
    }

    [Fact]
    public async Task Recent_transactions_are_newest_first_and_limited()
    {
        var result = await _bank.Client().GetTransactionsAsync(TestBank.Alice, new TransactionQuery(2), CancellationToken.None);

        var page = result.Value!;
        Assert.Equal(2, page.Transactions.Count);
        Assert.True(page.Transactions[0].PostedAt >= page.Transactions[1].PostedAt);
        Assert.NotNull(page.NextCursor);

        // The client reads the bank's own books: the same entries, amounts and counterparties.
        var books = _bank.Server.Ledger.GetTransactions("cust-alice", new Sandbox.Ledger.TransactionFilter(), 2).Transactions;
        Assert.Equal(books.Select(b => (b.Id, b.Description, decimal.Parse(b.Amount, System.Globalization.CultureInfo.InvariantCulture), b.Counterparty)), page.Transactions.Select(t => (t.Id, t.Description, t.Amount.Amount, t.Counterparty)));
    }

    [Fact]
    public async Task The_banks_own_entries_name_no_counterparty()
    {
        var result = await _bank.Client().GetTransactionsAsync(TestBank.Alice, new TransactionQuery(10, Text: "Opening balance"), CancellationToken.None);

        // One opening balance per account: Alice has four.
        Assert.Equal(4, result.Value!.Transactions.Count);
        Assert.All(result.Value.Transactions, t => Assert.Null(t.Counterparty));
        Assert.Contains(result.Value.Transactions, t => t.AccountId == TestBank.AliceChecking && t.Amount.Amount > 0);
    }

    [Fact]
    public async Task A_transfer_moves_money_once_and_the_books_balance()
    {
        var client = _bank.Client();

        var sent = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(20.00m, TestBank.NewKey(), memo: "flowers"), CancellationToken.None);

        Assert.True(sent.IsSuccess);
        var receipt = sent.Value!;
        Assert.Equal(TransferStatus.Completed, receipt.Status);
        Assert.Equal(Money.Of(20.00m, "USD"), receipt.Amount);
        Assert.Equal(Money.Of(4_189.27m, "USD"), await _bank.BalanceAsync(TestBank.Alice, TestBank.AliceChecking));
        Assert.Equal(new(1, 0m), _bank.Server.Ledger.Audit());

        var latest = (await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(1), CancellationToken.None)).Value!.Transactions.Single();
        Assert.Equal(Money.Of(-20.00m, "USD"), latest.Amount);
        Assert.Equal("To Mary Johnson: flowers", latest.Description);
        Assert.Equal("Mary Johnson", latest.Counterparty);

        var fetched = await client.GetTransferAsync(TestBank.Alice, receipt.Id, CancellationToken.None);
        Assert.Equal(receipt, fetched.Value);
    }

    [Fact]
    public async Task Another_customers_transfer_is_not_visible()
    {
        var sent = await _bank.Client().SendTransferAsync(TestBank.Alice, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None);

        var seenByOliver = await _bank.Client().GetTransferAsync(TestBank.Oliver, sent.Value!.Id, CancellationToken.None);

        Assert.False(seenByOliver.IsSuccess);
    }
}
