using System.Net;
using System.Text.Json;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// The account-event feed against the real sandbox bank: events raised on demand and by transfers
/// come back with their fields, in order, page by page, and a stored cursor resumes exactly.
/// </summary>
public sealed class BankEventFeedTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Theory]
    [InlineData(TestBank.Alice, "cust-alice")]
    [InlineData(TestBank.Oliver, "cust-oliver")]
    [InlineData(TestBank.Bob, "cust-bob")]
    public async Task A_persons_token_names_its_customer(string token, string customerId)
    {
        var customer = await _bank.Client().GetCustomerAsync(token, CancellationToken.None);

        Assert.Equal(customerId, customer.Value?.Id);
    }

    [Fact]
    public async Task An_unknown_token_and_the_service_key_are_no_customer()
    {
        Assert.Equal(BankError.Unauthorized, (await _bank.Client().GetCustomerAsync("not-a-token", CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await _bank.Client().GetCustomerAsync(_bank.ServiceKey, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("money_received", BankEventKind.MoneyReceived, "250.00", "Jane Doe")]
    [InlineData("payment_sent", BankEventKind.PaymentSent, "120.00", "City Power & Light")]
    [InlineData("large_debit", BankEventKind.LargeDebit, "1500.00", "Prestige Motors")]
    [InlineData("suspected_fraud", BankEventKind.SuspectedFraud, "950.00", "Example Store")]
    [InlineData("low_balance", BankEventKind.LowBalance, "3276.55", null)] // the balance now: the seeded balance (SandboxSeed), whatever the history before it
    public async Task Each_kind_raised_with_its_defaults_is_read_back_with_its_fields(string type, BankEventKind kind, string amount, string? counterparty)
    {
        var raised = await RaiseAsync($$"""{"type":"{{type}}","customerId":"cust-oliver"}""");

        var page = await _bank.Feed().ReadAsync(null, 10, CancellationToken.None);

        var read = Assert.Single(page.Value!.Events);
        Assert.Equal(raised, read.Id);
        Assert.Equal(kind, read.Kind);
        Assert.Equal("cust-oliver", read.CustomerId);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), read.Amount.Amount);
        Assert.Equal("GBP", read.Amount.Currency);
        Assert.Equal(counterparty, read.Counterparty);
        Assert.Equal("2345", read.AccountLastFour);
        Assert.Equal(kind == BankEventKind.SuspectedFraud, read.IsUrgent);
        Assert.InRange(read.OccurredAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_raised_event_takes_the_amount_counterparty_and_account_it_is_given()
    {
        var id = await RaiseAsync("""{"type":"money_received","customerId":"cust-alice","amount":"12.34","counterparty":"Tom & Jerry's","accountId":"acc-alice-savings"}""");

        var read = Assert.Single((await _bank.Feed().ReadAsync(null, 10, CancellationToken.None)).Value!.Events);

        Assert.Equal((id, 12.34m, "USD", "Tom & Jerry's", "9034"), (read.Id, read.Amount.Amount, read.Amount.Currency, read.Counterparty, read.AccountLastFour));
    }

    [Fact]
    public async Task With_no_customer_an_event_goes_to_the_first_demo_customer()
    {
        await RaiseAsync("""{"type":"suspected_fraud"}""");

        var read = Assert.Single((await _bank.Feed().ReadAsync(null, 10, CancellationToken.None)).Value!.Events);

        Assert.Equal(("cust-alice", 950.00m, "USD", "4821"), (read.CustomerId, read.Amount.Amount, read.Amount.Currency, read.AccountLastFour));
    }

    [Fact]
    public async Task Pages_follow_the_limit_and_together_are_the_whole_feed_in_order()
    {
        var raised = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            raised.Add(await RaiseAsync($$"""{"type":"payment_sent","amount":"{{i + 1}}.00"}"""));
        }

        var feed = _bank.Feed();
        var read = new List<string>();
        var sizes = new List<(int, bool)>();
        string? cursor = null;
        for (var guard = 0; guard < 10; guard++)
        {
            var page = (await feed.ReadAsync(cursor, 3, CancellationToken.None)).Value!;
            read.AddRange(page.Events.Select(e => e.Id));
            sizes.Add((page.Events.Count, page.HasMore));
            cursor = page.Cursor;
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.Equal([(3, true), (3, true), (1, false)], sizes);
        Assert.Equal(raised, read);
        Assert.Equal(_bank.Server.Ledger.Events().Select(e => e.Id), read);
    }

    [Fact]
    public async Task Reading_from_the_same_cursor_again_returns_the_same_events()
    {
        for (var i = 0; i < 4; i++)
        {
            await RaiseAsync("""{"type":"money_received"}""");
        }

        var feed = _bank.Feed();
        var first = (await feed.ReadAsync(null, 2, CancellationToken.None)).Value!;
        var second = (await feed.ReadAsync(first.Cursor, 2, CancellationToken.None)).Value!;
        var again = (await _bank.Feed().ReadAsync(first.Cursor, 2, CancellationToken.None)).Value!;

        Assert.Equal(second.Events, again.Events);
        Assert.Equal(second.Cursor, again.Cursor);
        Assert.Empty(second.Events.Select(e => e.Id).Intersect(first.Events.Select(e => e.Id)));
    }

    [Fact]
    public async Task A_stored_cursor_resumes_exactly_after_the_last_event_with_no_loss_and_no_repeat()
    {
        var before = new[] { await RaiseAsync("""{"type":"money_received"}"""), await RaiseAsync("""{"type":"low_balance"}""") };
        var feed = _bank.Feed();
        var caughtUp = (await feed.ReadAsync(null, 50, CancellationToken.None)).Value!;
        Assert.Equal(before, caughtUp.Events.Select(e => e.Id));

        // Nothing new: an empty page that keeps the place.
        var idle = (await feed.ReadAsync(caughtUp.Cursor, 50, CancellationToken.None)).Value!;
        Assert.Empty(idle.Events);
        Assert.False(idle.HasMore);

        var after = new[] { await RaiseAsync("""{"type":"suspected_fraud"}"""), await RaiseAsync("""{"type":"large_debit"}""") };
        var fromStored = (await _bank.Feed().ReadAsync(caughtUp.Cursor, 50, CancellationToken.None)).Value!;
        var fromIdle = (await _bank.Feed().ReadAsync(idle.Cursor, 50, CancellationToken.None)).Value!;

        Assert.Equal(after, fromStored.Events.Select(e => e.Id));
        Assert.Equal(after, fromIdle.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_transfer_above_the_threshold_raises_one_large_debit_and_a_replay_raises_none()
    {
        var client = _bank.Client();
        Assert.True((await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, "small"), CancellationToken.None)).IsSuccess);
        var large = TestBank.Transfer(600m, "large");
        Assert.True((await client.SendTransferAsync(TestBank.Alice, large, CancellationToken.None)).IsSuccess);
        Assert.True((await client.SendTransferAsync(TestBank.Alice, large, CancellationToken.None)).IsSuccess);

        var events = (await _bank.Feed().ReadAsync(null, 50, CancellationToken.None)).Value!.Events;

        var debit = Assert.Single(events);
        Assert.Equal((BankEventKind.LargeDebit, "cust-alice", 600.00m, "USD", "Mary Johnson", "4821"), (debit.Kind, debit.CustomerId, debit.Amount.Amount, debit.Amount.Currency, debit.Counterparty, debit.AccountLastFour));
    }

    private async Task<string> RaiseAsync(string json)
    {
        using var response = await _bank.RaiseAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetString()!;
    }
}
