using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoicePay.Payments.Tests.Support;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Ledger;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// GET /v1/transactions with filters and cursor paging (docs/payments-api.yaml), through the client and on the wire,
/// against the sandbox's seeded history; and the seed itself: dated relative to the sandbox's clock, deterministic,
/// balances as declared.
/// </summary>
public sealed class TransactionSearchTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static DateOnly LastMonth => new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);

    [Fact]
    public async Task A_date_range_and_text_find_exactly_the_seeded_entries()
    {
        var to = LastMonth.AddMonths(1).AddDays(-1);
        var expected = Seeded("cust-alice").Where(t => t.Counterparty == "Starbucks" && In(t, LastMonth, to)).ToList();

        var page = (await _bank.Client().GetTransactionsAsync(TestBank.Alice, new TransactionQuery(50, LastMonth, to, "starbucks"), CancellationToken.None)).Value!;

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, page.Transactions.Count);
        Assert.Equal(expected.Sum(t => t.Amount), page.Transactions.Sum(t => t.Amount.Amount));
        Assert.All(page.Transactions, t => Assert.Equal("Starbucks", t.Counterparty));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Text_matches_a_transfers_payee_and_direction_and_account_narrow_it()
    {
        var client = _bank.Client();
        await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(7.00m, TestBank.NewKey()), CancellationToken.None);

        var toMom = (await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(1, Text: "mary johnson"), CancellationToken.None)).Value!.Transactions.Single();
        var money = (await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(50, Today.AddDays(-40), Today, Direction: Skill.Banking.TransactionDirection.In), CancellationToken.None)).Value!;
        var savings = (await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(50, Today.AddDays(-40), Today, AccountId: TestBank.AliceSavings), CancellationToken.None)).Value!;

        Assert.Equal(-7.00m, toMom.Amount.Amount);
        Assert.All(money.Transactions, t => Assert.True(t.Amount.Amount > 0));
        Assert.Contains(money.Transactions, t => t.Counterparty == "Acme Payroll");
        Assert.NotEmpty(savings.Transactions);
        Assert.All(savings.Transactions, t => Assert.Equal(TestBank.AliceSavings, t.AccountId));
    }

    [Fact]
    public async Task Cursor_paging_reads_every_entry_once_in_order()
    {
        var client = _bank.Client();
        var whole = (await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(50, LastMonth, Today), CancellationToken.None)).Value!;
        var paged = new List<Transaction>();
        var query = new TransactionQuery(7, LastMonth, Today);
        for (var pages = 0; pages < 20; pages++)
        {
            var page = (await client.GetTransactionsAsync(TestBank.Alice, query, CancellationToken.None)).Value!;
            paged.AddRange(page.Transactions);
            if (page.NextCursor is null)
            {
                break;
            }

            query = query with { Cursor = page.NextCursor };
        }

        Assert.True(whole.Transactions.Count > 7);
        Assert.Equal(whole.Transactions.Select(t => t.Id), paged.Select(t => t.Id));
    }

    [Fact]
    public async Task Another_customers_account_is_not_found()
    {
        var result = await _bank.Client().GetTransactionsAsync(TestBank.Alice, new TransactionQuery(5, AccountId: TestBank.BobChecking), CancellationToken.None);

        Assert.Equal(BankError.AccountNotFound, result.Error);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("from=2026-13-01")]
    [InlineData("from=26-11-01")]
    [InlineData("to=2026-11")]
    [InlineData("from=2026-11-30&to=2026-11-01")]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("direction=sideways")]
    [InlineData("accountId=")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=YWJj")]
    [InlineData("q=a&q=b")]
    public async Task A_bad_filter_is_a_400_problem_naming_it(string query)
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestBank.Alice);

        using var response = await http.GetAsync(new Uri("v1/transactions?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_long_text_is_refused_but_one_with_characters_that_need_escaping_is_searched()
    {
        var client = _bank.Client();

        var escaped = await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(5, Text: "Tom & Jerry's %_"), CancellationToken.None);
        var tooLong = await client.GetTransactionsAsync(TestBank.Alice, new TransactionQuery(5, Text: new string('a', 101)), CancellationToken.None);

        Assert.True(escaped.IsSuccess);
        Assert.Empty(escaped.Value!.Transactions);
        Assert.False(tooLong.IsSuccess);
    }

    [Theory]
    [InlineData("2026-03-15T10:00:00Z")]
    [InlineData("2027-01-01T00:30:00Z")]
    [InlineData("2028-02-29T23:00:00Z")]
    public void The_seed_follows_the_clock_keeps_the_balances_and_is_the_same_each_time(string now)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        using var first = Ledger(clock);
        using var second = Ledger(clock);

        foreach (var customer in SandboxSeed.Customers)
        {
            var books = first.GetTransactions(customer.Id, new TransactionFilter(), 1000).Transactions;
            Assert.Equal(books.Select(b => (b.PostedAt, b.Amount, b.Description)), second.GetTransactions(customer.Id, new TransactionFilter(), 1000).Transactions.Select(b => (b.PostedAt, b.Amount, b.Description)));
            Assert.All(books, b => Assert.True(DateOnly.FromDateTime(b.PostedAt.UtcDateTime) < today));
            Assert.Contains(books, b => b.Counterparty == "Starbucks" && b.PostedAt.Year == lastMonth.Year && b.PostedAt.Month == lastMonth.Month);
            foreach (var account in customer.Accounts)
            {
                var held = first.GetAccounts(customer.Id).Single(a => a.Id == account.Id);
                Assert.Equal(account.Balance, decimal.Parse(held.AvailableBalance, CultureInfo.InvariantCulture));

                // The opening balance that makes it so is a deposit, never a debt.
                Assert.True(books.Where(b => b.AccountId == account.Id && b.Description == "Opening balance").All(b => decimal.Parse(b.Amount, CultureInfo.InvariantCulture) > 0));
            }
        }

        Assert.Equal(0m, first.Audit().EntrySum);
    }

    private static SandboxLedger Ledger(TimeProvider clock) =>
        new(Options.Create(new SandboxBankOptions { ConnectionString = "Data Source=:memory:" }), clock);

    private static IReadOnlyList<SeedTransaction> Seeded(string customer) =>
        SeedHistory.For(SandboxSeed.Customers.Single(c => c.Id == customer), Today);

    private static bool In(SeedTransaction t, DateOnly from, DateOnly to)
    {
        var day = DateOnly.FromDateTime(t.PostedAt.UtcDateTime);
        return day >= from && day <= to;
    }
}
