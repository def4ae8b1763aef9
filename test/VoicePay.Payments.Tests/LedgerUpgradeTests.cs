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

    [Fact]
    public async Task A_ledger_whose_transfers_need_a_payee_is_rebuilt_keeping_them_and_then_takes_moves()
    {
        var path = Path.Combine(Path.GetTempPath(), $"voicepay-ledger-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={path};Pooling=False";
        try
        {
            // The books as they were before moves between own accounts: payee_id NOT NULL, no to_account_id.
            using (var old = new SqliteConnection(connection))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE accounts (id TEXT PRIMARY KEY, customer_id TEXT NULL, kind TEXT NOT NULL, nickname TEXT NOT NULL,
                        type TEXT NOT NULL, last_four TEXT NOT NULL, currency TEXT NOT NULL, nicknames TEXT NOT NULL DEFAULT '');
                    CREATE TABLE payees (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, display_name TEXT NOT NULL, nicknames TEXT NOT NULL,
                        last_four TEXT NOT NULL, ledger_account_id TEXT NOT NULL REFERENCES accounts(id));
                    CREATE TABLE transfers (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, from_account_id TEXT NOT NULL REFERENCES accounts(id),
                        payee_id TEXT NOT NULL REFERENCES payees(id), amount_minor INTEGER NOT NULL CHECK (amount_minor > 0), currency TEXT NOT NULL,
                        memo TEXT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
                    CREATE TABLE ledger_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL REFERENCES accounts(id),
                        transfer_id TEXT NULL REFERENCES transfers(id), amount_minor INTEGER NOT NULL, description TEXT NOT NULL, posted_at TEXT NOT NULL);
                    INSERT INTO accounts VALUES ('acc-alice-checking', 'cust-alice', 'customer', 'Everyday Checking', 'checking', '4821', 'USD', '');
                    INSERT INTO accounts VALUES ('acc-alice-savings', 'cust-alice', 'customer', 'Rainy Day Savings', 'savings', '9034', 'USD', '');
                    INSERT INTO accounts VALUES ('payee-ledger-payee-mom', NULL, 'payee', 'Mary Johnson', 'payee', '1111', 'USD', '');
                    INSERT INTO payees VALUES ('payee-mom', 'cust-alice', 'Mary Johnson', '', '1111', 'payee-ledger-payee-mom');
                    INSERT INTO transfers VALUES ('tr_old', 'cust-alice', 'acc-alice-checking', 'payee-mom', 500, 'USD', NULL, 'completed', '2026-11-01T10:00:00.0000000Z');
                    INSERT INTO ledger_entries (account_id, transfer_id, amount_minor, description, posted_at) VALUES
                        ('acc-alice-savings', NULL, 10000, 'Opening balance', '2026-11-01T00:00:00.0000000Z'),
                        ('acc-alice-checking', NULL, 10000, 'Opening balance', '2026-11-01T00:00:00.0000000Z'),
                        ('acc-alice-checking', 'tr_old', -500, 'To Mary Johnson', '2026-11-01T10:00:00.0000000Z'),
                        ('payee-ledger-payee-mom', 'tr_old', 500, 'From cust-alice', '2026-11-01T10:00:00.0000000Z');
                    """;
                create.ExecuteNonQuery();
            }

            await using var bank = await Support.TestBank.StartAsync(o => o.ConnectionString = connection);
            var moved = await bank.Client().SendTransferAsync(Support.TestBank.Alice, new(Support.TestBank.AliceSavings, null, Skill.Domain.Money.Of(10m, "USD"), null, "k-1", ToAccountId: Support.TestBank.AliceChecking), CancellationToken.None);

            Assert.Null(moved.Error);
            Assert.Equal("payee-mom", bank.Server.Ledger.GetTransfer("cust-alice", "tr_old")!.PayeeId);
            Assert.Equal(2, bank.TransferCount);
            Assert.Equal(105m, (await bank.BalanceAsync(Support.TestBank.Alice, Support.TestBank.AliceChecking)).Amount);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
