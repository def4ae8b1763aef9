using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VoicePay.Sandbox.Api;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Sandbox.Ledger;

/// <summary>
/// Verification codes: texted to the phone on file, kept only as a salted hash, valid for <see cref="CodeLifetime"/>
/// and <see cref="MaxCodeAttempts"/> wrong tries, used once. A new code replaces the customer's earlier ones. Both
/// writes are keyed like transfers: the same key and request get the stored answer (one text, one counted try).
/// The outbox holds the texts as a phone would get them: sandbox only, for <c>voicepay bank codes</c> and the web page.
/// </summary>
public sealed partial class SandboxLedger
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public const int MaxCodeAttempts = 3;
    public const int CodeDigits = 6;

    /// <summary>
    /// At most <see cref="MaxCodesPerWindow"/> texts per customer in any <see cref="CodeWindow"/>: a stolen token (or a
    /// person repeating "I forgot my PIN") cannot flood the phone or buy fresh guesses without end; each code's own three
    /// tries then bound the guesses at 15 an hour.
    /// </summary>
    public const int MaxCodesPerWindow = 5;

    public static readonly TimeSpan CodeWindow = TimeSpan.FromHours(1);

    // Its own tables, created on first use, so the books' schema and seeding stay as they are.
    private const string CodeSchema = """
        CREATE TABLE IF NOT EXISTS verification_codes (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            expires_at TEXT NOT NULL,
            attempts_left INTEGER NOT NULL,
            used INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS code_requests (
            customer_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (customer_id, idempotency_key)
        );
        CREATE TABLE IF NOT EXISTS code_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            code_id TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            code TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        """;

    private int _codeSchemaReady;

    internal async Task<StoredResponse> SendCodeAsync(string customerId, string idempotencyKey)
    {
        await _writeGate.WaitAsync();
        try
        {
            return Keyed(customerId, idempotencyKey, "send", connection => SendCode(connection, customerId));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    internal async Task<StoredResponse> CheckCodeAsync(string customerId, string idempotencyKey, string codeId, string code)
    {
        await _writeGate.WaitAsync();
        try
        {
            return Keyed(customerId, idempotencyKey, "check\n" + codeId + "\n" + code, connection => CheckCode(connection, customerId, codeId, code));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The texts sent, newest first; only <paramref name="customerId"/>'s when given.</summary>
    public IReadOnlyList<SentCodeBody> SentCodes(string? customerId = null)
    {
        using var connection = Open();
        EnsureCodeSchema(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT code_id, customer_id, phone, code, sent_at, expires_at FROM code_outbox
            WHERE $customer IS NULL OR customer_id = $customer ORDER BY seq DESC
            """;
        command.Parameters.AddWithValue("$customer", (object?)customerId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var sent = new List<SentCodeBody>();
        while (reader.Read())
        {
            var code = reader.GetString(3);
            sent.Add(new SentCodeBody(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2)[^2..],
                code,
                TextOf(code),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
        }

        return sent;
    }

    /// <summary>The text message, as the phone shows it.</summary>
    public static string TextOf(string code) =>
        $"Your bank: {code} is your Voice Pay code. It expires in {CodeLifetime.TotalMinutes:0} minutes. Never share it.";

    private StoredResponse Keyed(string customerId, string idempotencyKey, string request, Func<SqliteConnection, StoredResponse> execute)
    {
        var requestHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
        using var connection = Open();
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        EnsureCodeSchema(connection);
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT request_hash, status_code, content_type, body FROM code_requests WHERE customer_id = $customer AND idempotency_key = $key";
            find.Parameters.AddWithValue("$customer", customerId);
            find.Parameters.AddWithValue("$key", idempotencyKey);
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                return reader.GetString(0) == requestHash
                    ? new StoredResponse(reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Replayed: true)
                    : ProblemResponse(ProblemCodes.IdempotencyConflict, "This idempotency key was already used for a different request.");
            }
        }

        var response = execute(connection);
        using (var store = connection.CreateCommand())
        {
            store.CommandText = """
                INSERT INTO code_requests (customer_id, idempotency_key, request_hash, status_code, content_type, body)
                VALUES ($customer, $key, $hash, $status, $type, $body)
                """;
            store.Parameters.AddWithValue("$customer", customerId);
            store.Parameters.AddWithValue("$key", idempotencyKey);
            store.Parameters.AddWithValue("$hash", requestHash);
            store.Parameters.AddWithValue("$status", response.StatusCode);
            store.Parameters.AddWithValue("$type", response.ContentType);
            store.Parameters.AddWithValue("$body", response.Body);
            store.ExecuteNonQuery();
        }

        transaction.Commit();
        return response;
    }

    private StoredResponse SendCode(SqliteConnection connection, string customerId)
    {
        if (SandboxPhones.For(customerId) is not { } phone)
        {
            return ProblemResponse(ProblemCodes.NoPhoneOnFile, "The customer has no mobile number on file.");
        }

        // Counted from the texts actually sent; a keyed replay never reaches here, so it neither counts nor is refused anew.
        var now = _time.GetUtcNow();
        if (CodesSentSince(connection, customerId, now - CodeWindow) >= MaxCodesPerWindow)
        {
            return ProblemResponse(ProblemCodes.TooManyCodes, $"At most {MaxCodesPerWindow} codes are texted per hour; nothing was sent.");
        }

        using (var retire = connection.CreateCommand())
        {
            // One code at a time: asking for a new one retires the old.
            retire.CommandText = "UPDATE verification_codes SET used = 1 WHERE customer_id = $customer";
            retire.Parameters.AddWithValue("$customer", customerId);
            retire.ExecuteNonQuery();
        }

        // Never a leading zero: Alexa hears a spoken code as a number (AMAZON.NUMBER), which would drop it.
        var code = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var body = new VerificationCodeBody("vc_" + Guid.NewGuid().ToString("N"), now + CodeLifetime, phone[^2..]);
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO verification_codes (id, customer_id, salt, hash, expires_at, attempts_left, created_at)
                VALUES ($id, $customer, $salt, $hash, $expires, $attempts, $at);
                INSERT INTO code_outbox (code_id, customer_id, phone, code, sent_at, expires_at)
                VALUES ($id, $customer, $phone, $code, $at, $expires);
                """;
            insert.Parameters.AddWithValue("$id", body.Id);
            insert.Parameters.AddWithValue("$customer", customerId);
            insert.Parameters.AddWithValue("$salt", salt);
            insert.Parameters.AddWithValue("$hash", CodeHash(salt, code));
            insert.Parameters.AddWithValue("$expires", Timestamp(body.ExpiresAt));
            insert.Parameters.AddWithValue("$attempts", MaxCodeAttempts);
            insert.Parameters.AddWithValue("$at", Timestamp(now));
            insert.Parameters.AddWithValue("$phone", phone);
            insert.Parameters.AddWithValue("$code", code);
            insert.ExecuteNonQuery();
        }

        return new StoredResponse(201, ApplicationJson, JsonSerializer.Serialize(body, SandboxJsonContext.Default.VerificationCodeBody), Replayed: false);
    }

    private static long CodesSentSince(SqliteConnection connection, string customerId, DateTimeOffset since)
    {
        using var count = connection.CreateCommand();

        // Timestamps are fixed-width UTC text, so they compare as they sort.
        count.CommandText = "SELECT COUNT(*) FROM code_outbox WHERE customer_id = $customer AND sent_at > $since";
        count.Parameters.AddWithValue("$customer", customerId);
        count.Parameters.AddWithValue("$since", Timestamp(since));
        return (long)count.ExecuteScalar()!;
    }

    private StoredResponse CheckCode(SqliteConnection connection, string customerId, string codeId, string code)
    {
        byte[] salt, hash;
        DateTimeOffset expiresAt;
        int attemptsLeft;
        bool used;
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT salt, hash, expires_at, attempts_left, used FROM verification_codes WHERE id = $id AND customer_id = $customer";
            find.Parameters.AddWithValue("$id", codeId);
            find.Parameters.AddWithValue("$customer", customerId);
            using var reader = find.ExecuteReader();
            if (!reader.Read())
            {
                return ProblemResponse(ProblemCodes.VerificationCodeNotFound, "No such verification code.");
            }

            (salt, hash, expiresAt, attemptsLeft, used) = ((byte[])reader[0], (byte[])reader[1], DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetInt32(3), reader.GetInt64(4) != 0);
        }

        // Used (verified, or replaced by a newer code) and worn out read the same: this code will never pass again.
        if (used || attemptsLeft <= 0)
        {
            return CheckAnswer("locked", 0);
        }

        if (_time.GetUtcNow() > expiresAt)
        {
            return CheckAnswer("expired", attemptsLeft);
        }

        var right = CryptographicOperations.FixedTimeEquals(CodeHash(salt, code), hash);
        using (var update = connection.CreateCommand())
        {
            update.CommandText = right
                ? "UPDATE verification_codes SET used = 1 WHERE id = $id"
                : "UPDATE verification_codes SET attempts_left = attempts_left - 1 WHERE id = $id";
            update.Parameters.AddWithValue("$id", codeId);
            update.ExecuteNonQuery();
        }

        return right ? CheckAnswer("verified", attemptsLeft)
            : attemptsLeft - 1 <= 0 ? CheckAnswer("locked", 0)
            : CheckAnswer("wrong", attemptsLeft - 1);
    }

    private static StoredResponse CheckAnswer(string status, int attemptsLeft) =>
        new(200, ApplicationJson, JsonSerializer.Serialize(new CodeCheckBody(status, attemptsLeft), SandboxJsonContext.Default.CodeCheckBody), Replayed: false);

    private static byte[] CodeHash(byte[] salt, string code) =>
        SHA256.HashData([.. salt, .. Encoding.ASCII.GetBytes(code)]);

    private void EnsureCodeSchema(SqliteConnection connection)
    {
        if (Volatile.Read(ref _codeSchemaReady) == 1)
        {
            return;
        }

        using var create = connection.CreateCommand();
        create.CommandText = CodeSchema;
        create.ExecuteNonQuery();
        Volatile.Write(ref _codeSchemaReady, 1);
    }
}
