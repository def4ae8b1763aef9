namespace VoicePay.Storage.Sqlite;

/// <summary>
/// The tables behind <see cref="SqliteUserStateStore"/>. Amounts are invariant decimal strings, added up in
/// C# inside write transactions, because SQLite's own arithmetic would turn them into doubles.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS pins (
            user_id    TEXT    NOT NULL PRIMARY KEY,
            algorithm  TEXT    NOT NULL,
            salt       BLOB    NOT NULL,
            hash       BLOB    NOT NULL,
            iterations INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS pin_windows (
            user_id TEXT NOT NULL PRIMARY KEY,
            window  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS daily_reservations (
            user_id         TEXT NOT NULL,
            day             TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            currency        TEXT NOT NULL,
            amount          TEXT NOT NULL,
            PRIMARY KEY (user_id, day, idempotency_key)
        );
        CREATE TABLE IF NOT EXISTS conversations (
            user_id    TEXT    NOT NULL,
            session_id TEXT    NOT NULL,
            state      TEXT    NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, session_id)
        );
        CREATE INDEX IF NOT EXISTS conversations_expires_at ON conversations (expires_at);
        CREATE TABLE IF NOT EXISTS transfer_journal (
            user_id          TEXT    NOT NULL,
            idempotency_key  TEXT    NOT NULL,
            payee_id         TEXT    NOT NULL,
            payee_name       TEXT    NOT NULL,
            from_account_id  TEXT    NOT NULL,
            from_account     TEXT    NOT NULL,
            from_last_four   TEXT    NOT NULL,
            amount           TEXT    NOT NULL,
            currency         TEXT    NOT NULL,
            reserved_on      TEXT    NOT NULL,
            state            TEXT    NOT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            transfer_id      TEXT,
            decline_reason   TEXT,
            PRIMARY KEY (user_id, idempotency_key)
        );
        CREATE INDEX IF NOT EXISTS transfer_journal_open ON transfer_journal (user_id, state);
        """;
}
