using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments.Tests;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task Parallel_transfers_never_overdraw()
    {
        // Bob has 25.00; forty people try to take 1.00 at once.
        var client = _bank.Client();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.SendTransferAsync(
            TestBank.Bob,
            TestBank.Transfer(1.00m, TestBank.NewKey(), from: TestBank.BobChecking, payee: "payee-bob-alice"),
            CancellationToken.None)));

        Assert.Equal(25, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(BankError.InsufficientFunds, r.Error));
        Assert.Equal(Money.Of(0m, "USD"), await _bank.BalanceAsync(TestBank.Bob, TestBank.BobChecking));
        Assert.Equal(new(25, 0m), _bank.Server.Ledger.Audit());
    }
}
