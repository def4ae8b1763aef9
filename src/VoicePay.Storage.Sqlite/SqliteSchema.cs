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
        CREATE TABLE IF NOT EXISTS pin_attempts (
            user_id  TEXT    NOT NULL PRIMARY KEY,
            attempts INTEGER NOT NULL
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
        """;
}
