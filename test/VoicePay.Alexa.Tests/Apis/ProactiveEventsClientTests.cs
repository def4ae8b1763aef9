using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Testing.Amazon;

namespace VoicePay.Alexa.Tests.Apis;

/// <summary>The token and events clients against loopback fakes that check every request against Amazon's documented shapes.</summary>
public sealed class ProactiveEventsClientTests : IAsyncLifetime
{
    private FakeAmazonApis fakes = null!;

    public async Task InitializeAsync() => fakes = await FakeAmazonApis.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(fakes.Violations);
        await fakes.DisposeAsync();
    }

    [Fact]
    public async Task Many_notifications_share_one_token()
    {
        using var clients = new Clients(fakes);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send($"evt-{i}"));
        }

        Assert.Equal(1, fakes.Lwa.Count);
        Assert.Equal(5, fakes.Events.Accepted.Count);
    }

    [Fact]
    public async Task Concurrent_notifications_fetch_one_token_between_them()
    {
        using var clients = new Clients(fakes);
        fakes.Lwa.Enqueue(FakeFault.Slow(TimeSpan.FromMilliseconds(300)));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => clients.Send($"evt-{i}"))));

        Assert.All(outcomes, o => Assert.Equal(ProactiveEventOutcome.Accepted, o));
        Assert.Equal(1, fakes.Lwa.Count);
    }

    [Fact]
    public async Task A_token_is_fetched_again_shortly_before_it_expires()
    {
        fakes.Lwa.ExpiresInSeconds = 3600;
        using var clients = new Clients(fakes, o => o.TokenRefreshMargin = TimeSpan.FromMinutes(5));
        await clients.Send("evt-1");

        clients.Time.Advance(TimeSpan.FromMinutes(54));
        await clients.Send("evt-2");
        Assert.Equal(1, fakes.Lwa.Count);

        clients.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send("evt-3"));
        Assert.Equal(2, fakes.Lwa.Count);
        var tokens = fakes.Events.Requests.Select(r => r.Authorization).Distinct().ToList();
        Assert.Equal(2, tokens.Count);
    }

    [Fact]
    public async Task A_403_drops_the_token_and_fetches_one_more_then_succeeds()
    {
        using var clients = new Clients(fakes);
        await clients.Send("evt-1");
        fakes.Lwa.RevokeAll();

        Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send("evt-2"));

        Assert.Equal(2, fakes.Lwa.Count);
        Assert.Equal(new[] { 202, 403, 202 }, fakes.Events.Requests.Select(r => r.Status));
        Assert.Empty(clients.Time.Waits);
    }

    [Fact]
    public async Task A_second_403_with_a_new_token_is_retry_later_not_a_loop()
    {
        using var clients = new Clients(fakes);
        fakes.Events.Always(FakeFault.Answer(403));

        Assert.Equal(ProactiveEventOutcome.RetryLater, await clients.Send());

        Assert.Equal(2, fakes.Lwa.Count);
        Assert.Equal(2, fakes.Events.Count);
    }

    [Fact]
    public async Task The_body_is_a_unicast_unread_message_alert_with_the_reference_id()
    {
        using var clients = new Clients(fakes);
        var occurred = clients.Time.GetUtcNow().AddMinutes(-3);

        await clients.Events.SendAsync(new MessageAlert("amzn1.ask.account.ALICE", "bank-evt-42", false, occurred), CancellationToken.None);

        var request = Assert.Single(fakes.Events.Requests);
        Assert.Equal(ProactiveEventsFake.DevelopmentPath, request.Path);
        Assert.StartsWith("Bearer Atc|fake-", request.Authorization, StringComparison.Ordinal);
        var body = Assert.Single(fakes.Events.Accepted);
        Assert.Equal("bank-evt-42", body.GetProperty("referenceId").GetString());
        Assert.Equal("amzn1.ask.account.ALICE", body.GetProperty("relevantAudience").GetProperty("payload").GetProperty("user").GetString());
        Assert.Equal("Unicast", body.GetProperty("relevantAudience").GetProperty("type").GetString());
        var group = body.GetProperty("event").GetProperty("payload").GetProperty("messageGroup");
        Assert.Equal("Voice Pay", group.GetProperty("creator").GetProperty("name").GetString());
        Assert.Equal(1, group.GetProperty("count").GetInt32());
        Assert.Equal(occurred.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(body.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Urgency_is_sent_only_for_urgent_alerts()
    {
        using var clients = new Clients(fakes);
        await clients.Send("fraud", urgent: true);
        await clients.Send("money-in", urgent: false);

        var bodies = fakes.Events.Accepted.ToDictionary(b => b.GetProperty("referenceId").GetString()!);
        Assert.Equal("URGENT", bodies["fraud"].GetProperty("event").GetProperty("payload").GetProperty("messageGroup").GetProperty("urgency").GetString());
        Assert.False(bodies["money-in"].GetProperty("event").GetProperty("payload").GetProperty("messageGroup").TryGetProperty("urgency", out _));
    }

    [Fact]
    public async Task The_live_stage_posts_to_the_live_path()
    {
        using var clients = new Clients(fakes, o => o.Stage = ProactiveEventsStage.Live);
        await clients.Send();
        Assert.Equal(ProactiveEventsFake.LivePath, Assert.Single(fakes.Events.Requests).Path);
    }

    [Fact]
    public void Regions_pick_Amazons_hosts_unless_an_endpoint_is_given()
    {
        Assert.Equal("https://api.amazonalexa.com/v1/proactiveEvents/stages/development", new ProactiveEventsOptions().EventsUri().AbsoluteUri);
        Assert.Equal("https://api.eu.amazonalexa.com/v1/proactiveEvents", new ProactiveEventsOptions { Region = AlexaRegion.Europe, Stage = ProactiveEventsStage.Live }.EventsUri().AbsoluteUri);
        Assert.Equal("https://api.fe.amazonalexa.com/v1/proactiveEvents/stages/development", new ProactiveEventsOptions { Region = AlexaRegion.FarEast }.EventsUri().AbsoluteUri);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_with_backoff_honouring_retry_after()
    {
        using var clients = new Clients(fakes);
        fakes.Events.Enqueue(FakeFault.Answer(429, "7"), FakeFault.Answer(500), FakeFault.Answer(503));

        Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send());

        Assert.Equal(new[] { 429, 500, 503, 202 }, fakes.Events.Requests.Select(r => r.Status));
        Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400) }, clients.Time.Waits);

        // Every retry is the same event: Amazon de-duplicates on referenceId.
        Assert.Single(fakes.Events.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task After_the_attempt_limit_it_is_retry_later()
    {
        using var clients = new Clients(fakes, o => o.MaxAttempts = 3);
        fakes.Events.Always(FakeFault.Answer(500));

        Assert.Equal(ProactiveEventOutcome.RetryLater, await clients.Send());
        Assert.Equal(3, fakes.Events.Count);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_is_retry_later_without_waiting()
    {
        using var clients = new Clients(fakes, o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));
        fakes.Events.Enqueue(FakeFault.Answer(429, "120"));

        Assert.Equal(ProactiveEventOutcome.RetryLater, await clients.Send());
        Assert.Equal(1, fakes.Events.Count);
        Assert.Empty(clients.Time.Waits);
    }

    [Fact]
    public async Task Waits_that_would_pass_the_total_time_limit_are_not_started()
    {
        using var clients = new Clients(fakes, o =>
        {
            o.TotalTimeout = TimeSpan.FromSeconds(12);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
        });
        fakes.Events.Enqueue(FakeFault.Answer(503, "10"));

        Assert.Equal(ProactiveEventOutcome.RetryLater, await clients.Send());
        Assert.Equal(1, fakes.Events.Count);
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        using var clients = new Clients(fakes, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(500));
        fakes.Events.Enqueue(FakeFault.Slow(TimeSpan.FromSeconds(20)));

        Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send());
        Assert.Single(fakes.Events.Accepted);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task A_bad_request_or_unknown_user_is_rejected_at_once(int status)
    {
        using var clients = new Clients(fakes);
        fakes.Events.Enqueue(FakeFault.Answer(status));

        Assert.Equal(ProactiveEventOutcome.Rejected, await clients.Send());
        Assert.Equal(1, fakes.Events.Count);
        Assert.Empty(clients.Time.Waits);
    }

    [Fact]
    public async Task Login_with_amazon_refusing_the_credentials_is_retry_later_without_calling_the_events_api()
    {
        using var clients = new Clients(fakes);
        fakes.Lwa.Enqueue(FakeFault.Answer(401));

        Assert.Equal(ProactiveEventOutcome.RetryLater, await clients.Send());
        Assert.Equal(0, fakes.Events.Count);
        Assert.Equal(1, fakes.Lwa.Count);
    }

    [Fact]
    public async Task Login_with_amazon_failing_for_a_moment_is_retried()
    {
        using var clients = new Clients(fakes);
        fakes.Lwa.Enqueue(FakeFault.Answer(503));

        Assert.Equal(ProactiveEventOutcome.Accepted, await clients.Send());
        Assert.Equal(2, fakes.Lwa.Count);
    }

    [Fact]
    public async Task No_body_carries_anything_financial_and_no_log_carries_the_secret_or_token()
    {
        using var clients = new Clients(fakes);
        fakes.Events.Enqueue(FakeFault.Answer(500));
        await clients.Send("evt-fraud-7", urgent: true);
        await clients.Send("evt-money-in-8");

        // By construction: the client's only input has no room for an amount, a merchant or an account.
        Assert.Equal(new[] { "UserId", "ReferenceId", "Urgent", "OccurredAt" }, typeof(MessageAlert).GetProperties().Select(p => p.Name));

        // And on the wire: every string is an id, a time or one of the schema's constants.
        string[] constants = ["AMAZON.MessageAlert.Activated", "UNREAD", "NEW", "Voice Pay", "URGENT", "Unicast", "amzn1.ask.account.ALICE", "evt-fraud-7", "evt-money-in-8"];
        foreach (var body in fakes.Events.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement))
        {
            foreach (var (path, value) in Strings(body, "$"))
            {
                Assert.True(constants.Contains(value) || path is "$.timestamp" or "$.expiryTime", $"{path} = {value}");
            }

            Assert.DoesNotContain("$", body.GetRawText(), StringComparison.Ordinal);
        }

        var token = fakes.Lwa.Issued.Keys.Single();
        Assert.All(clients.AllLogLines, line =>
        {
            Assert.DoesNotContain(FakeAmazonApis.TestClientSecret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
        });
        Assert.NotEmpty(clients.AllLogLines);
    }

    [Fact]
    public async Task The_fake_refuses_an_unknown_field_and_records_the_violation()
    {
        using var clients = new Clients(fakes);
        var token = await clients.Tokens.GetTokenAsync(CancellationToken.None);
        using var http = new HttpClient();
        var body = """
            {"timestamp":"2026-12-02T06:00:00.000Z","referenceId":"x","expiryTime":"2026-12-02T07:00:00.000Z","amount":"950.00",
             "event":{"name":"AMAZON.MessageAlert.Activated","payload":{"state":{"status":"READ"},"messageGroup":{"creator":{"name":"Voice Pay"},"count":1}}},
             "relevantAudience":{"type":"Unicast","payload":{"user":"u"}}}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fakes.BaseAddress, "v1/proactiveEvents/stages/development"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(fakes.Violations, v => v.Contains("$.amount is not in the documented schema", StringComparison.Ordinal));
        Assert.Contains(fakes.Violations, v => v.Contains("status is 'READ'", StringComparison.Ordinal));
        fakes.Violations.Clear();
    }

    [Fact]
    public void Options_without_credentials_fail_validation_without_echoing_values()
    {
        var result = new ProactiveEventsOptionsValidator().Validate(null, new ProactiveEventsOptions { ClientSecret = "s3cret", Expiry = TimeSpan.FromDays(2) });
        Assert.True(result.Failed);
        Assert.Contains("ClientId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Expiry", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.FailureMessage, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, string Value)> Strings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var leaf in Strings(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var leaf in Strings(item, $"{path}[{i++}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValueKind.String:
                yield return (path, element.GetString()!);
                break;
        }
    }
}
