namespace VoicePay.Storage.Sqlite;

/// <summary>
/// The tables behind <see cref="SqliteUserStateStore"/>. Amounts are invariant decimal strings, added up in
/// C# inside write transactions, because SQLite's own arithmetic would turn them into doubles.
/// </summary>
/// <remarks>
/// The schema moves forward by <see cref="Migrations"/>, one step per <c>PRAGMA user_version</c>. Databases made
/// before versioning have version 0 and the first step's tables already; its <c>IF NOT EXISTS</c> makes it a no-op
/// for them, so an existing file keeps its data and gains only the new tables.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>Step <c>i</c> takes a database from <c>user_version = i</c> to <c>i + 1</c>. Append only; never edit a step.</summary>
    public static readonly string[] Migrations = [Initial, Alerts, HandledRequests, PersonPins];

    private const string Initial = """
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

    /// <summary>
    /// Issue 12: alert links, each person's alerts, the bank feed's cursor, and the tombstones of people who asked
    /// to be forgotten while a transfer of theirs was still unknown (docs/privacy.md). Times are epoch milliseconds.
    /// </summary>
    private const string Alerts = """
        CREATE TABLE IF NOT EXISTS alert_links (
            user_id     TEXT    NOT NULL PRIMARY KEY,
            customer_id TEXT,
            subscribed  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS alert_links_customer ON alert_links (customer_id, subscribed);
        CREATE TABLE IF NOT EXISTS user_alerts (
            user_id           TEXT    NOT NULL,
            event_id          TEXT    NOT NULL,
            kind              TEXT    NOT NULL,
            amount            TEXT    NOT NULL,
            currency          TEXT    NOT NULL,
            counterparty      TEXT,
            account_last_four TEXT,
            occurred_at       INTEGER NOT NULL,
            delivery          TEXT    NOT NULL,
            attempts          INTEGER NOT NULL,
            next_attempt_at   INTEGER,
            heard_at          INTEGER,
            expires_at        INTEGER NOT NULL,
            PRIMARY KEY (user_id, event_id)
        );
        CREATE INDEX IF NOT EXISTS user_alerts_due ON user_alerts (delivery, occurred_at);
        CREATE INDEX IF NOT EXISTS user_alerts_expires_at ON user_alerts (expires_at);
        CREATE TABLE IF NOT EXISTS feed_cursors (
            feed   TEXT NOT NULL PRIMARY KEY,
            cursor TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS forgotten_users (
            user_id      TEXT    NOT NULL PRIMARY KEY,
            forgotten_at INTEGER NOT NULL,
            expires_at   INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS transfer_journal_settled ON transfer_journal (state, updated_at);
        """;

    /// <summary>
    /// Issue 16, item 5: the answer to each request id, kept for the replay window (<c>IHandledRequests</c>). A claim has
    /// no response yet. Times are epoch milliseconds.
    /// </summary>
    private const string HandledRequests = """
        CREATE TABLE IF NOT EXISTS handled_requests (
            user_id    TEXT    NOT NULL,
            request_id TEXT    NOT NULL,
            claimed_at INTEGER NOT NULL,
            response   BLOB,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, request_id)
        );
        CREATE INDEX IF NOT EXISTS handled_requests_expires_at ON handled_requests (expires_at);
        """;

    /// <summary>
    /// Issue 19, item 5: a voice PIN per recognized person on a shared account. Both PIN tables are rebuilt with
    /// <c>person_id</c> in the key ('' for the account's own PIN, which every existing row becomes), since SQLite cannot
    /// change a primary key in place. Still keyed by <c>user_id</c> first, so "forget me" deletes every person's rows.
    /// </summary>
    private const string PersonPins = """
        CREATE TABLE pins_by_person (
            user_id    TEXT    NOT NULL,
            person_id  TEXT    NOT NULL,
            algorithm  TEXT    NOT NULL,
            salt       BLOB    NOT NULL,
            hash       BLOB    NOT NULL,
            iterations INTEGER NOT NULL,
            PRIMARY KEY (user_id, person_id)
        );
        INSERT INTO pins_by_person (user_id, person_id, algorithm, salt, hash, iterations)
            SELECT user_id, '', algorithm, salt, hash, iterations FROM pins;
        DROP TABLE pins;
        ALTER TABLE pins_by_person RENAME TO pins;
        CREATE TABLE pin_windows_by_person (
            user_id   TEXT NOT NULL,
            person_id TEXT NOT NULL,
            window    TEXT NOT NULL,
            PRIMARY KEY (user_id, person_id)
        );
        INSERT INTO pin_windows_by_person (user_id, person_id, window) SELECT user_id, '', window FROM pin_windows;
        DROP TABLE pin_windows;
        ALTER TABLE pin_windows_by_person RENAME TO pin_windows;
        """;
}
