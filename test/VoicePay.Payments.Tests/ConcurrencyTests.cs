using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments.Tests;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData("temporary file")]
    [InlineData("Data Source=:memory:")]
    public async Task Parallel_transfers_never_overdraw(string storage)
    {
        await using var bank = await TestBank.StartAsync(storage.StartsWith("Data Source", StringComparison.Ordinal) ? o => o.ConnectionString = storage : null);
        var client = bank.Client();

        // Bob has 25.00; forty people try to take 1.00 at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.SendTransferAsync(
            TestBank.Bob,
            TestBank.Transfer(1.00m, TestBank.NewKey(), from: TestBank.BobChecking, payee: "payee-bob-alice"),
            CancellationToken.None)));

        Assert.Equal(25, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(BankError.InsufficientFunds, r.Error));
        Assert.Equal(Money.Of(0m, "USD"), await bank.BalanceAsync(TestBank.Bob, TestBank.BobChecking));
        Assert.Equal(new(25, 0m), bank.Server.Ledger.Audit());
    }

    [Fact]
    public async Task Two_bank_processes_sharing_one_file_still_never_overdraw()
    {
        // Two servers over the same SQLite file: only BEGIN IMMEDIATE stands between them.
        var path = Path.Combine(Path.GetTempPath(), $"voicepay-shared-{Guid.NewGuid():N}.db");
        try
        {
            await using var first = await TestBank.StartAsync(o => o.ConnectionString = $"Data Source={path}");
            await using var second = await TestBank.StartAsync(o => o.ConnectionString = $"Data Source={path}");
            var clients = new[] { first.Client(), second.Client() };

            var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => clients[i % 2].SendTransferAsync(
                TestBank.Bob,
                TestBank.Transfer(1.00m, TestBank.NewKey(), from: TestBank.BobChecking, payee: "payee-bob-alice"),
                CancellationToken.None)));

            Assert.Equal(25, results.Count(r => r.IsSuccess));
            Assert.Equal(new(25, 0m), first.Server.Ledger.Audit());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }
}
