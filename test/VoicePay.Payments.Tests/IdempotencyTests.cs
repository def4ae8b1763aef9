using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task Replaying_the_same_key_returns_the_same_transfer_and_moves_money_once()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();

        var first = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(50m, key), CancellationToken.None);
        var again = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(50m, key), CancellationToken.None);

        Assert.Equal(first.Value, again.Value);
        Assert.Equal(1, _bank.TransferCount);
        Assert.Equal(4_159.27m, (await _bank.BalanceAsync(TestBank.Alice, TestBank.AliceChecking)).Amount);
    }

    [Fact]
    public async Task The_same_key_for_a_different_transfer_is_a_conflict_and_moves_nothing_more()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(50m, key), CancellationToken.None);

        var different = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(60m, key), CancellationToken.None);

        Assert.Equal(BankError.IdempotencyConflict, different.Error);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_replayed_refusal_is_refused_again_even_after_money_arrives()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        var tooMuch = TestBank.Transfer(30m, key, from: TestBank.BobChecking, payee: "payee-bob-alice");

        var first = await client.SendTransferAsync(TestBank.Bob, tooMuch, CancellationToken.None);
        var replay = await client.SendTransferAsync(TestBank.Bob, tooMuch, CancellationToken.None);

        Assert.Equal(BankError.InsufficientFunds, first.Error);
        Assert.Equal(BankError.InsufficientFunds, replay.Error);
    }

    [Fact]
    public async Task Over_the_wire_a_replay_gets_the_same_status_and_body_and_is_marked()
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        var key = TestBank.NewKey();

        using var first = await http.SendAsync(RawTransfer(key, "\"12.50\""));
        using var replay = await http.SendAsync(RawTransfer(key, "12.5"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task Over_the_wire_a_transfer_without_an_idempotency_key_is_rejected()
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };

        using var response = await http.SendAsync(RawTransfer(key: null, "\"1.00\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"invalid_request\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task Parallel_replays_of_one_key_make_one_transfer()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(5m, key), CancellationToken.None)));

        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        Assert.Equal(1, _bank.TransferCount);
    }

    private static HttpRequestMessage RawTransfer(string? key, string amountJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/transfers")
        {
            Content = new StringContent(
                $$"""{"fromAccountId":"{{TestBank.AliceChecking}}","payeeId":"{{TestBank.Mom}}","amount":{{amountJson}},"currency":"USD","memo":null}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestBank.Alice);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }
}
