using System.Net;
using System.Net.Http.Json;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// The bank's one-time codes (POST /v1/verification-codes and .../check) through the client against the real sandbox:
/// texted once per key, kept hashed, expire, limited tries, used once, one customer's code unknown to another.
/// </summary>
public sealed class VerificationCodeTests : IAsyncLifetime
{
    private readonly MovableTime _time = new();
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync(time: _time);

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    private string LastCode(string customer) => _bank.Server.Ledger.SentCodes(customer)[0].Code;

    [Fact]
    public async Task A_code_is_texted_once_per_key_to_the_phone_on_file_and_verifies_once()
    {
        var client = _bank.Client();
        var key = TestBank.NewKey();

        var sent = await client.SendVerificationCodeAsync(TestBank.Alice, key, CancellationToken.None);
        var again = await client.SendVerificationCodeAsync(TestBank.Alice, key, CancellationToken.None);

        Assert.True(sent.IsSuccess);
        Assert.Equal(sent.Value, again.Value);
        Assert.Equal("12", sent.Value!.PhoneLastDigits);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(10), sent.Value.ExpiresAt, TimeSpan.FromSeconds(1));
        var outbox = Assert.Single(_bank.Server.Ledger.SentCodes("cust-alice"));
        Assert.Matches("^[1-9][0-9]{5}$", outbox.Code);
        Assert.Contains(outbox.Code, outbox.Text, StringComparison.Ordinal);

        var right = await client.CheckVerificationCodeAsync(TestBank.Alice, sent.Value.Id, outbox.Code, TestBank.NewKey(), CancellationToken.None);
        var reused = await client.CheckVerificationCodeAsync(TestBank.Alice, sent.Value.Id, outbox.Code, TestBank.NewKey(), CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Verified, right.Value!.Status);
        Assert.Equal(CodeCheckStatus.Locked, reused.Value!.Status);
    }

    [Fact]
    public async Task Three_wrong_tries_lock_the_code_and_a_repeated_try_is_counted_once()
    {
        var client = _bank.Client();
        var code = (await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Value!;
        var wrong = Wrong(LastCode("cust-alice"));
        var key = TestBank.NewKey();

        var first = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, wrong, key, CancellationToken.None);
        var replayed = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, wrong, key, CancellationToken.None);
        var second = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, wrong, TestBank.NewKey(), CancellationToken.None);
        var third = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, wrong, TestBank.NewKey(), CancellationToken.None);
        var right = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, LastCode("cust-alice"), TestBank.NewKey(), CancellationToken.None);

        Assert.Equal(new CodeCheck(CodeCheckStatus.Wrong, 2), first.Value);
        Assert.Equal(first.Value, replayed.Value);
        Assert.Equal(new CodeCheck(CodeCheckStatus.Wrong, 1), second.Value);
        Assert.Equal(new CodeCheck(CodeCheckStatus.Locked, 0), third.Value);
        Assert.Equal(CodeCheckStatus.Locked, right.Value!.Status);
    }

    [Fact]
    public async Task A_code_expires_after_ten_minutes_and_a_new_code_retires_the_old()
    {
        var client = _bank.Client();
        var old = (await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Value!;
        var oldCode = LastCode("cust-alice");
        var newer = (await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Value!;

        Assert.Equal(CodeCheckStatus.Locked, (await client.CheckVerificationCodeAsync(TestBank.Alice, old.Id, oldCode, TestBank.NewKey(), CancellationToken.None)).Value!.Status);

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal(CodeCheckStatus.Expired, (await client.CheckVerificationCodeAsync(TestBank.Alice, newer.Id, LastCode("cust-alice"), TestBank.NewKey(), CancellationToken.None)).Value!.Status);
    }

    [Fact]
    public async Task No_phone_on_file_is_refused_and_another_customers_code_is_unknown()
    {
        var client = _bank.Client();
        var alices = (await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Value!;

        Assert.Equal(BankError.NoPhoneOnFile, (await client.SendVerificationCodeAsync(TestBank.Bob, TestBank.NewKey(), CancellationToken.None)).Error);
        Assert.Equal(BankError.VerificationCodeNotFound, (await client.CheckVerificationCodeAsync(TestBank.Oliver, alices.Id, LastCode("cust-alice"), TestBank.NewKey(), CancellationToken.None)).Error);
        Assert.Empty(_bank.Server.Ledger.SentCodes("cust-bob"));
    }

    [Fact]
    public async Task Five_codes_an_hour_then_a_refusal_that_sends_nothing_replays_the_same_and_counts_once()
    {
        var client = _bank.Client();
        var keys = Enumerable.Range(0, 5).Select(_ => TestBank.NewKey()).ToList();
        foreach (var key in keys)
        {
            Assert.True((await client.SendVerificationCodeAsync(TestBank.Alice, key, CancellationToken.None)).IsSuccess);
        }

        // A replay of a code already sent is its stored answer: not refused, not counted, no text.
        Assert.True((await client.SendVerificationCodeAsync(TestBank.Alice, keys[^1], CancellationToken.None)).IsSuccess);
        var latest = LastCode("cust-alice");
        var sixthKey = TestBank.NewKey();
        var sixth = await client.SendVerificationCodeAsync(TestBank.Alice, sixthKey, CancellationToken.None);
        var sixthAgain = await client.SendVerificationCodeAsync(TestBank.Alice, sixthKey, CancellationToken.None);

        Assert.Equal(BankError.TooManyCodes, sixth.Error);
        Assert.Equal(BankError.TooManyCodes, sixthAgain.Error);
        Assert.Equal(5, _bank.Server.Ledger.SentCodes("cust-alice").Count);
        Assert.Equal(latest, LastCode("cust-alice"));

        // The refusal retired nothing, and another customer has a window of their own.
        var lastSent = (await client.SendVerificationCodeAsync(TestBank.Alice, keys[^1], CancellationToken.None)).Value!;
        Assert.Equal(CodeCheckStatus.Verified, (await client.CheckVerificationCodeAsync(TestBank.Alice, lastSent.Id, latest, TestBank.NewKey(), CancellationToken.None)).Value!.Status);
        Assert.True((await client.SendVerificationCodeAsync(TestBank.Oliver, TestBank.NewKey(), CancellationToken.None)).IsSuccess);

        // The window rolls: an hour after the first, one more may go (the refused key keeps its stored answer).
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(BankError.TooManyCodes, (await client.SendVerificationCodeAsync(TestBank.Alice, sixthKey, CancellationToken.None)).Error);
        Assert.True((await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).IsSuccess);
        Assert.Equal(6, _bank.Server.Ledger.SentCodes("cust-alice").Count);
    }

    [Theory]
    [InlineData("{\"code\":\"12345\"}")]
    [InlineData("{\"code\":\"12345a\"}")]
    [InlineData("{\"code\":123456}")]
    [InlineData("{}")]
    [InlineData("not json")]
    public async Task A_malformed_check_is_a_400_and_not_a_try(string body)
    {
        var client = _bank.Client();
        var code = (await client.SendVerificationCodeAsync(TestBank.Alice, TestBank.NewKey(), CancellationToken.None)).Value!;
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestBank.Alice);
        http.DefaultRequestHeaders.Add("Idempotency-Key", TestBank.NewKey());

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"v1/verification-codes/{code.Id}/check", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"invalid_request\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await client.CheckVerificationCodeAsync(TestBank.Alice, code.Id, Wrong(LastCode("cust-alice")), TestBank.NewKey(), CancellationToken.None);
        Assert.Equal(new CodeCheck(CodeCheckStatus.Wrong, 2), wrong.Value);
    }

    [Fact]
    public async Task Without_a_key_a_400_without_a_token_a_401_another_channel_a_400()
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        using var anonymous = await http.PostAsync(new Uri("v1/verification-codes", UriKind.Relative), null);
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestBank.Alice);
        using var noKey = await http.PostAsync(new Uri("v1/verification-codes", UriKind.Relative), null);
        http.DefaultRequestHeaders.Add("Idempotency-Key", TestBank.NewKey());
        using var voice = await http.PostAsJsonAsync(new Uri("v1/verification-codes", UriKind.Relative), new { channel = "voice" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, voice.StatusCode);
        Assert.Empty(_bank.Server.Ledger.SentCodes());
    }

    private static string Wrong(string code) => code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));

    private sealed class MovableTime : TimeProvider
    {
        private long offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
    }
}
