using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoicePay.Composition;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// Who may read the feed, what bad input gets, and faults on the way: each an answer, never an
/// exception, and the service key in no log line.
/// </summary>
public sealed class BankEventFeedAccessTests : IAsyncLifetime
{
    private const string Key = "test-service-key-5f1c2a";
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync(o => o.ServiceKey = Key);

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Theory]
    [InlineData(TestBank.Alice)]
    [InlineData(TestBank.Oliver)]
    public async Task A_persons_token_is_refused_on_the_feed_with_403(string token)
    {
        Assert.Equal(BankError.Unauthorized, (await _bank.Feed(o => o.ServiceKey = token).ReadAsync(null, 10, CancellationToken.None)).Error);

        using var response = await _bank.GetAsync("v1/events", token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await CodeAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sandbox-service-key")]
    [InlineData("test-service-key-5f1c2b")]
    public async Task No_token_or_a_wrong_key_is_401_on_the_feed(string? token)
    {
        using var response = await _bank.GetAsync("v1/events", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(BankError.Unauthorized, (await _bank.Feed(o => o.ServiceKey = token ?? "no-such-key").ReadAsync(null, 10, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("v1/customer")]
    [InlineData("v1/accounts")]
    [InlineData("v1/payees")]
    [InlineData("v1/transactions")]
    public async Task The_service_key_is_refused_on_every_person_endpoint(string path)
    {
        using var response = await _bank.GetAsync(path, Key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(BankError.Unauthorized, (await _bank.Client().GetAccountsAsync(Key, CancellationToken.None)).Error);
        Assert.False((await _bank.Client().SendTransferAsync(Key, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None)).IsSuccess);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("limit=ten")]
    [InlineData("limit=1.5")]
    [InlineData("limit=99999999999")]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=")]
    [InlineData("after=AgAAAAAAAAAB")]
    [InlineData("after=AQAAAAAAAAAB_w")]
    public async Task Bad_query_values_get_400_invalid_request(string query)
    {
        using var response = await _bank.GetAsync("v1/events?" + query, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await CodeAsync(response));
    }

    [Fact]
    public async Task A_limit_above_the_banks_page_size_is_capped_not_refused()
    {
        await using var bank = await TestBank.StartAsync(o => o.MaxEventsPerPage = 2);
        for (var i = 0; i < 3; i++)
        {
            using var raised = await bank.RaiseAsync("""{"type":"money_received"}""");
        }

        var page = (await bank.Feed().ReadAsync(null, 500, CancellationToken.None)).Value!;

        Assert.Equal((2, true), (page.Events.Count, page.HasMore));
    }

    [Theory]
    [InlineData("""{"type":"bonus"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"customerId":"cust-alice"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"type":""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"type":"money_received","amount":"-5.00"}""", HttpStatusCode.UnprocessableEntity, "invalid_amount")]
    [InlineData("""{"type":"money_received","amount":"1.234"}""", HttpStatusCode.UnprocessableEntity, "invalid_amount")]
    [InlineData("""{"type":"money_received","amount":"lots"}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"type":"money_received","counterparty":""}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("""{"type":"money_received","customerId":"cust-nobody"}""", HttpStatusCode.NotFound, "customer_not_found")]
    [InlineData("""{"type":"money_received","customerId":"cust-bob","accountId":"acc-alice-checking"}""", HttpStatusCode.NotFound, "account_not_found")]
    public async Task Bad_raise_requests_are_refused_and_raise_nothing(string json, HttpStatusCode status, string code)
    {
        using var response = await _bank.RaiseAsync(json);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
        Assert.Empty(_bank.Server.Ledger.Events());
    }

    [Fact]
    public async Task A_5xx_is_retried_then_unavailable()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.InternalServerError));

        var result = await _bank.Feed(Short, faults).ReadAsync(null, 10, CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task One_5xx_then_a_page_is_a_page()
    {
        using (var raised = await _bank.RaiseAsync("""{"type":"money_received"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        }

        var faults = new FaultHandler(Faults.Status(HttpStatusCode.ServiceUnavailable)) { PassThroughAfterScript = true };
        var result = await _bank.Feed(Short, faults).ReadAsync(null, 10, CancellationToken.None);

        Assert.Single(result.Value!.Events);
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task A_hanging_bank_is_unavailable_within_the_budget()
    {
        var result = await _bank.Feed(Short, new FaultHandler(Faults.Hang)).ReadAsync(null, 10, CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_unavailable_not_an_exception()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal(BankError.Unavailable, (await _bank.Feed().ReadAsync(null, 10, cancelled.Token)).Error);
    }

    [Fact]
    public async Task Html_instead_of_json_a_closed_port_and_a_reset_are_unavailable()
    {
        Assert.Equal(BankError.Unavailable, (await _bank.Feed(Short, new FaultHandler(Faults.HtmlInsteadOfJson)).ReadAsync(null, 10, CancellationToken.None)).Error);

        var closed = LoopbackSockets.ClosedPort();
        Assert.Equal(BankError.Unavailable, (await _bank.Feed(o => { Short(o); o.BaseUrl = closed; }).ReadAsync(null, 10, CancellationToken.None)).Error);

        await using var resetting = new ResettingServer();
        Assert.Equal(BankError.Unavailable, (await _bank.Feed(o => { Short(o); o.BaseUrl = resetting.BaseAddress; }).ReadAsync(null, 10, CancellationToken.None)).Error);
        Assert.True(resetting.Requests >= 1);
    }

    [Fact]
    public async Task A_kind_this_client_does_not_know_is_skipped_and_the_cursor_still_moves()
    {
        const string body = """
            {"events":[
              {"id":"evt_new","type":"card_frozen","customerId":"cust-alice","occurredAt":"2026-12-01T10:00:00Z","amount":"0.00","currency":"USD"},
              {"id":"evt_known","type":"suspected_fraud","customerId":"cust-alice","occurredAt":"2026-12-01T10:01:00Z","amount":"950.00","currency":"USD","counterparty":"Example Store","accountLastFour":"4821"}
            ],"cursor":"AQAAAAAAAAAC","hasMore":false}
            """;
        Fault canned = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        var logs = new CapturingLoggerProvider();

        var page = (await _bank.Feed(perAttempt: new FaultHandler(canned), logs: logs).ReadAsync(null, 10, CancellationToken.None)).Value!;

        var known = Assert.Single(page.Events);
        Assert.Equal(("evt_known", BankEventKind.SuspectedFraud, 950.00m), (known.Id, known.Kind, known.Amount.Amount));
        Assert.Equal("AQAAAAAAAAAC", page.Cursor);
        Assert.Contains(logs.Lines, line => line.Contains("evt_new", StringComparison.Ordinal) && line.Contains("card_frozen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_service_key_never_reaches_the_logs_even_at_trace_level_and_on_failures()
    {
        var logs = new CapturingLoggerProvider();
        using (var raised = await _bank.RaiseAsync("""{"type":"money_received"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        }

        Assert.True((await _bank.Feed(logs: logs).ReadAsync(null, 10, CancellationToken.None)).IsSuccess);
        await _bank.Feed(Short, new FaultHandler(Faults.Status(HttpStatusCode.BadGateway)), logs).ReadAsync(null, 10, CancellationToken.None);
        await _bank.Feed(Short, new FaultHandler(Faults.Hang), logs).ReadAsync(null, 10, CancellationToken.None);
        await _bank.Feed(o => o.ServiceKey = "wrong-service-key", logs: logs).ReadAsync(null, 10, CancellationToken.None);

        Assert.Contains(logs.Lines, line => line.Contains("v1/events", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("wrong-service-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_from_voicepay_bank_events_with_the_payments_base_url_as_default()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:Payments:BaseUrl"] = _bank.Server.BaseAddress.AbsoluteUri.TrimEnd('/'),
                ["VoicePay:BankEvents:ServiceKey"] = Key,
                ["VoicePay:BankEvents:MaxRetries"] = "1",
            })
            .Build();
        await using var provider = new ServiceCollection().AddLogging().AddVoicePayAlertJob(configuration).BuildServiceProvider();

        Assert.True((await provider.GetRequiredService<IBankEventFeed>().ReadAsync(null, 5, CancellationToken.None)).IsSuccess);
        Assert.Equal(1, provider.GetRequiredService<IOptions<BankEventFeedOptions>>().Value.MaxRetries);
    }

    [Theory]
    [InlineData(null, "VoicePay:BankEvents:ServiceKey is required")]
    [InlineData("00:00:xx", "VoicePay:BankEvents:AttemptTimeout")]
    public async Task Missing_or_unreadable_settings_fail_at_start_naming_the_key_not_the_value(string? attemptTimeout, string expected)
    {
        var settings = new Dictionary<string, string?> { ["VoicePay:BankEvents:BaseUrl"] = "http://127.0.0.1:1/" };
        if (attemptTimeout is not null)
        {
            settings["VoicePay:BankEvents:ServiceKey"] = "secret-value-xyz";
            settings["VoicePay:BankEvents:AttemptTimeout"] = attemptTimeout;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var provider = new ServiceCollection().AddLogging().AddVoicePayAlertJob(configuration).BuildServiceProvider();

        // A missing key fails validation; an unreadable one fails binding: either way the key is named, never the secret.
        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<BankEventFeedOptions>>().Value);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value-xyz", failure.Message, StringComparison.Ordinal);
    }

    private static void Short(BankEventFeedOptions options)
    {
        options.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        options.TotalTimeout = TimeSpan.FromSeconds(5);
        options.MaxRetries = 2;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("code").GetString();
    }
}
