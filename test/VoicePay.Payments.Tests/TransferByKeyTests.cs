using System.Net;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// The read that settles a transfer (GET /v1/transfers?idempotencyKey=) and the deadline the bank enforces
/// (notAfter), against the real sandbox: what the skill relies on to say "not sent" for certain.
/// </summary>
public sealed class TransferByKeyTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task A_transfer_is_found_by_the_key_that_created_it_and_the_read_moves_nothing()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        var sent = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(50m, key), CancellationToken.None);

        var found = await client.FindTransferAsync(TestBank.Alice, key, CancellationToken.None);
        var again = await client.FindTransferAsync(TestBank.Alice, key, CancellationToken.None);

        Assert.Equal(sent.Value, found.Value);
        Assert.Equal(sent.Value, again.Value);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_key_the_bank_never_received_or_refused_or_someone_else_used_finds_nothing()
    {
        var client = _bank.Client();
        var refused = TestBank.NewKey();
        var bobs = TestBank.NewKey();
        Assert.Equal(BankError.InsufficientFunds, (await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(9_000m, refused), CancellationToken.None)).Error);
        Assert.True((await client.SendTransferAsync(TestBank.Bob, TestBank.Transfer(5m, bobs, from: TestBank.BobChecking, payee: "payee-bob-alice"), CancellationToken.None)).IsSuccess);

        Assert.Equal(BankError.TransferNotFound, (await client.FindTransferAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Error);
        Assert.Equal(BankError.TransferNotFound, (await client.FindTransferAsync(TestBank.Alice, refused, CancellationToken.None)).Error);
        Assert.Equal(BankError.TransferNotFound, (await client.FindTransferAsync(TestBank.Alice, bobs, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?idempotencyKey=")]
    public async Task A_read_without_a_key_is_a_400_and_without_a_token_a_401(string query)
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        using var anonymous = await http.GetAsync(new Uri("v1/transfers?idempotencyKey=k", UriKind.Relative));
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestBank.Alice);
        using var noKey = await http.GetAsync(new Uri("v1/transfers" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("\"invalid_request\"", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_read_says_unavailable_never_not_found()
    {
        var key = TestBank.NewKey();
        await _bank.Client().SendTransferAsync(TestBank.Alice, TestBank.Transfer(50m, key), CancellationToken.None);
        var client = _bank.Client(o => o.MaxRetries = 0, new FaultHandler(Faults.Status(HttpStatusCode.BadGateway)));
        var refused = _bank.Client(o => o.MaxRetries = 0, new FaultHandler(Faults.RefuseConnection));

        Assert.Equal(BankError.Unavailable, (await client.FindTransferAsync(TestBank.Alice, key, CancellationToken.None)).Error);
        Assert.Equal(BankError.Unavailable, (await refused.FindTransferAsync(TestBank.Alice, key, CancellationToken.None)).Error);
    }

    [Fact]
    public async Task A_request_arriving_after_its_deadline_creates_nothing_now_or_on_any_replay()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        var late = TestBank.Transfer(50m, key) with { NotAfter = DateTimeOffset.UtcNow.AddSeconds(-1) };

        var first = await client.SendTransferAsync(TestBank.Alice, late, CancellationToken.None);
        var replay = await client.SendTransferAsync(TestBank.Alice, late, CancellationToken.None);

        Assert.Equal(BankError.TransferExpired, first.Error);
        Assert.Equal(BankError.TransferExpired, replay.Error);
        Assert.Equal(BankError.TransferNotFound, (await client.FindTransferAsync(TestBank.Alice, key, CancellationToken.None)).Error);
        Assert.Equal(0, _bank.TransferCount);
        Assert.Equal(4_209.27m, (await _bank.BalanceAsync(TestBank.Alice, TestBank.AliceChecking)).Amount);
    }

    [Fact]
    public async Task A_request_within_its_deadline_is_made_and_its_retry_with_the_same_deadline_is_a_replay()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();
        var deadline = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds());
        var inTime = TestBank.Transfer(50m, key) with { NotAfter = deadline };

        var first = await client.SendTransferAsync(TestBank.Alice, inTime, CancellationToken.None);
        var retry = await client.SendTransferAsync(TestBank.Alice, inTime, CancellationToken.None);
        var otherDeadline = await client.SendTransferAsync(TestBank.Alice, inTime with { NotAfter = deadline.AddSeconds(1) }, CancellationToken.None);

        Assert.True(first.IsSuccess);
        Assert.Equal(first.Value, retry.Value);
        Assert.Equal(BankError.IdempotencyConflict, otherDeadline.Error);
        Assert.Equal(1, _bank.TransferCount);
    }
}
