using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition.Options;
using VoicePay.Payments.Tests.Support;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

public sealed class PrivacyAndSetupTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task The_access_token_never_reaches_the_logs_even_at_trace_level_and_on_failures()
    {
        var logs = new CapturingLoggerProvider();
        var faults = new FaultHandler(Faults.LoseResponse, Faults.Status(System.Net.HttpStatusCode.InternalServerError)) { PassThroughAfterScript = false };
        var failing = _bank.Client(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(500); o.MaxRetries = 1; }, faults, logs: logs);
        var working = _bank.Client(logs: logs);

        await failing.SendTransferAsync(TestBank.Alice, TestBank.Transfer(5m, TestBank.NewKey()), CancellationToken.None);
        await working.SendTransferAsync(TestBank.Alice, TestBank.Transfer(5m, TestBank.NewKey()), CancellationToken.None);
        await working.GetAccountsAsync(TestBank.Alice, CancellationToken.None);
        await working.GetAccountsAsync("wrong-token", CancellationToken.None);

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, line => line.Contains("unknown outcome", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(TestBank.Alice, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("wrong-token", StringComparison.Ordinal));
    }

    /// <summary>
    /// A token that cannot be written in an HTTP header (non-ASCII, control characters, spaces) can never succeed:
    /// it is refused once as a bad token, without a request, retries or an error log, and it is never logged.
    /// </summary>
    [Theory]
    [InlineData("demo-alice-tökén")]
    [InlineData("token-with-\u00e9-accent")]
    [InlineData("line\r\nInjected: header")]
    [InlineData("has a space")]
    public async Task An_access_token_that_cannot_be_a_bearer_token_is_refused_once_as_unauthorized(string token)
    {
        var logs = new CapturingLoggerProvider();
        var attempts = new FaultHandler(Faults.PassThrough) { PassThroughAfterScript = true };
        var client = _bank.Client(o => o.MaxRetries = 3, attempts, logs: logs);

        var accounts = await client.GetAccountsAsync(token, CancellationToken.None);
        var transfer = await client.SendTransferAsync(token, TestBank.Transfer(5m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.Unauthorized, accounts.Error);
        Assert.Equal(BankError.Unauthorized, transfer.Error);
        Assert.Equal(0, attempts.Attempts);
        Assert.Equal(0, _bank.TransferCount);
        var lines = logs.Lines.ToList();
        Assert.DoesNotContain(lines, l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains("not a valid bearer token", StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.Contains("bearer token", StringComparison.Ordinal)), l => Assert.Contains(" Warning ", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_can_be_configured_from_the_voicepay_payments_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:Payments:BaseUrl"] = _bank.Server.BaseAddress.AbsoluteUri.TrimEnd('/'),
                ["VoicePay:Payments:TotalTimeout"] = "00:00:20",
                ["VoicePay:Payments:AttemptTimeout"] = "00:00:10",
                ["VoicePay:Payments:MaxRetries"] = "1",
            })
            .Build();
        await using var provider = new ServiceCollection().AddLogging().AddVoicePayOptions(configuration).AddPaymentsApiClient().BuildServiceProvider();

        var payees = await provider.GetRequiredService<IPaymentsApi>().GetPayeesAsync(TestBank.Alice, CancellationToken.None);

        Assert.True(payees.IsSuccess);
    }

    [Fact]
    public void The_seed_banner_lists_tokens_and_payees_but_no_full_account_numbers()
    {
        var banner = SandboxSeed.Describe();

        Assert.Contains(SandboxSeed.AliceToken, banner, StringComparison.Ordinal);
        Assert.Contains(SandboxSeed.GbpToken, banner, StringComparison.Ordinal);
        Assert.Contains("Tom & Jerry's Bakery", banner, StringComparison.Ordinal);
        Assert.All(
            SandboxSeed.Customers.SelectMany(c => c.Accounts),
            account => Assert.DoesNotContain(account.Number, banner, StringComparison.Ordinal));
    }
}
