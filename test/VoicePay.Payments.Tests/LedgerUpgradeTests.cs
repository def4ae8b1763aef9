using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Payments.Tests;

/// <summary>A sandbox ledger file kept in a local data folder from before accounts had other names still opens.</summary>
public sealed class LedgerUpgradeTests
{
    [Fact]
    public void A_ledger_without_account_nicknames_gets_the_column_and_reads_as_before()
    {
        var path = Path.Combine(Path.GetTempPath(), $"voicepay-ledger-{Guid.NewGuid():N}.db");
        try
        {
            using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE accounts (id TEXT PRIMARY KEY, customer_id TEXT NULL, kind TEXT NOT NULL, nickname TEXT NOT NULL,
                        type TEXT NOT NULL, last_four TEXT NOT NULL, currency TEXT NOT NULL);
                    INSERT INTO accounts VALUES ('acc-alice-checking', 'cust-alice', 'customer', 'Everyday Checking', 'checking', '4821', 'USD');
                    """;
                create.ExecuteNonQuery();
            }

            using var ledger = new SandboxLedger(Options.Create(new SandboxBankOptions { ConnectionString = $"Data Source={path};Pooling=False" }), TimeProvider.System);

            var account = Assert.Single(ledger.GetAccounts("cust-alice"));
            Assert.Equal(("Everyday Checking", "4821"), (account.Nickname, account.LastFour));
            Assert.Empty(account.Nicknames);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
