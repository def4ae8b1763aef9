using Microsoft.Data.Sqlite;

namespace VoicePay.Sandbox.Ledger;

/// <summary>
/// Double-entry ledger: every transfer writes one entry per side and the entries of a transfer sum to zero.
/// Amounts are integer minor units (cents, pence), so no rounding ever happens in SQL.
/// Balances are never stored; they are the sum of an account's entries.
/// </summary>
internal static class Schema
{
    private const string TransfersColumns = """
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            from_account_id TEXT NOT NULL REFERENCES accounts(id),
            payee_id TEXT NULL REFERENCES payees(id),
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL,
            memo TEXT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            to_account_id TEXT NULL REFERENCES accounts(id),
            CHECK ((payee_id IS NULL) <> (to_account_id IS NULL))
        """;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS accounts (
            id TEXT PRIMARY KEY,
            customer_id TEXT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('customer', 'payee', 'equity', 'external')),
            nickname TEXT NOT NULL,
            type TEXT NOT NULL,
            last_four TEXT NOT NULL,
            currency TEXT NOT NULL,
            nicknames TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE IF NOT EXISTS payees (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            display_name TEXT NOT NULL,
            nicknames TEXT NOT NULL,
            last_four TEXT NOT NULL,
            ledger_account_id TEXT NOT NULL REFERENCES accounts(id)
        );
        -- A payment names its payee; a move between the customer's own accounts names to_account_id instead.
        CREATE TABLE IF NOT EXISTS transfers (
        """ + TransfersColumns + """
        );
        CREATE TABLE IF NOT EXISTS ledger_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            transfer_id TEXT NULL REFERENCES transfers(id),
            amount_minor INTEGER NOT NULL,
            description TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            counterparty TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_ledger_entries_account ON ledger_entries(account_id, id);
        CREATE TABLE IF NOT EXISTS idempotency_records (
            customer_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (customer_id, idempotency_key)
        );
        -- The account-event feed. seq is the feed's order and what a cursor names: it is given out
        -- inside the write transaction, and writes are serialized, so a higher seq is never
        -- committed before a lower one and a reader never skips an event that appears later.
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            amount_minor INTEGER NOT NULL,
            currency TEXT NOT NULL,
            counterparty TEXT NULL,
            account_last_four TEXT NULL
        );
        """;

    /// <summary>
    /// Books created before entries named their counterparty (a card merchant, a seeded payee) get the column;
    /// their entries keep null, which reads as before.
    /// </summary>
    public static void AddEntryCounterparties(SqliteConnection connection) =>
        AddColumnIfMissing(connection, "ledger_entries", "counterparty", "TEXT NULL");

    /// <summary>
    /// A ledger file made before accounts had nicknames gets the column (empty): a local data folder
    /// kept across versions still opens. <c>voicepay reset</c> reseeds it with the newer demo accounts.
    /// </summary>
    public static void AddAccountNicknames(SqliteConnection connection) =>
        AddColumnIfMissing(connection, "accounts", "nicknames", "TEXT NOT NULL DEFAULT ''");

    /// <summary>
    /// Issue 19, item 3: books made before moves between a customer's own accounts have <c>transfers.payee_id NOT NULL</c>
    /// and no <c>to_account_id</c>. SQLite cannot drop a NOT NULL, so the table is rebuilt in the documented way
    /// (https://sqlite.org/lang_altertable.html#otheralter: foreign keys off, new table, copy, drop, rename, in one
    /// write transaction), keeping every transfer and its id. Run before the ledger's own transaction: the pragma is a
    /// no-op inside one. The check is repeated inside the write lock, so two processes opening one old file rebuild it once.
    /// </summary>
    public static void AllowTransfersWithoutPayee(SqliteConnection connection)
    {
        if (!PayeeRequired(connection))
        {
            return;
        }

        Run(connection, "PRAGMA foreign_keys = OFF;");
        try
        {
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            if (PayeeRequired(connection))
            {
                Run(connection, "CREATE TABLE transfers_rebuilt (" + TransfersColumns + """
                    );
                    INSERT INTO transfers_rebuilt (id, customer_id, from_account_id, payee_id, amount_minor, currency, memo, status, created_at)
                        SELECT id, customer_id, from_account_id, payee_id, amount_minor, currency, memo, status, created_at FROM transfers;
                    DROP TABLE transfers;
                    ALTER TABLE transfers_rebuilt RENAME TO transfers;
                    """);
            }

            transaction.Commit();
        }
        finally
        {
            Run(connection, "PRAGMA foreign_keys = ON;");
        }
    }

    private static bool PayeeRequired(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('transfers') WHERE name = 'payee_id' AND \"notnull\" = 1";
        return (long)check.ExecuteScalar()! > 0;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // Table and column names are our constants, never input.
    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if ((long)columns.ExecuteScalar()! > 0)
        {
            return;
        }

        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
        alter.ExecuteNonQuery();
    }
}
