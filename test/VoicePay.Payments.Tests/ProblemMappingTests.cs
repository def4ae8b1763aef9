using System.Net;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

public sealed class ProblemMappingTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    public static TheoryData<string, string, string, string, string, BankError> Refusals => new()
    {
        { "more than Bob has", TestBank.Bob, TestBank.BobChecking, "payee-bob-alice", "25.01", BankError.InsufficientFunds },
        { "above the bank limit", TestBank.Alice, TestBank.AliceSavings, TestBank.Mom, "10000.01", BankError.LimitExceeded },
        { "another customer's payee", TestBank.Alice, TestBank.AliceChecking, "payee-emma-wilson", "1.00", BankError.PayeeNotFound },
        { "another customer's account", TestBank.Alice, "acc-oliver-current", TestBank.Mom, "1.00", BankError.AccountNotFound },
        { "zero", TestBank.Alice, TestBank.AliceChecking, TestBank.Mom, "0", BankError.InvalidAmount },
        { "negative", TestBank.Alice, TestBank.AliceChecking, TestBank.Mom, "-5.00", BankError.InvalidAmount },
        { "a tenth of a cent", TestBank.Alice, TestBank.AliceChecking, TestBank.Mom, "1.005", BankError.InvalidAmount },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_refusal_maps_to_its_error_and_moves_nothing(string why, string token, string from, string payee, string amount, BankError expected)
    {
        var transfer = TestBank.Transfer(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), TestBank.NewKey(), from, payee);

        var result = await _bank.Client().SendTransferAsync(token, transfer, CancellationToken.None);

        Assert.True(expected == result.Error, why);
        Assert.Equal(new(0, 0m), _bank.Server.Ledger.Audit());
    }

    [Fact]
    public async Task A_currency_other_than_the_accounts_is_an_invalid_amount()
    {
        var result = await _bank.Client().SendTransferAsync(TestBank.Alice, TestBank.Transfer(1m, TestBank.NewKey(), currency: "GBP"), CancellationToken.None);

        Assert.Equal(BankError.InvalidAmount, result.Error);
    }

    [Fact]
    public async Task An_unknown_token_is_unauthorized_everywhere()
    {
        var client = _bank.Client();
        const string stranger = "not-a-real-token";

        Assert.Equal(BankError.Unauthorized, (await client.GetAccountsAsync(stranger, CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await client.GetPayeesAsync(stranger, CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await client.GetTransactionsAsync(stranger, new TransactionQuery(3), CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await client.GetTransferAsync(stranger, "tr_x", CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await client.SendTransferAsync(stranger, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None)).Error);
        Assert.Equal(BankError.Unauthorized, (await client.GetAccountsAsync(string.Empty, CancellationToken.None)).Error);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task Problems_are_rfc9457_with_a_stable_code_and_a_bearer_challenge()
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };

        using var response = await http.GetAsync(new Uri("v1/accounts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":401", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_account_numbers_never_leave_the_bank()
    {
        using var http = new HttpClient { BaseAddress = _bank.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestBank.Alice);

        var body = await http.GetStringAsync(new Uri("v1/accounts", UriKind.Relative));

        Assert.Contains("4821", body, StringComparison.Ordinal);
        Assert.DoesNotContain("000123454821", body, StringComparison.Ordinal);
    }
}
