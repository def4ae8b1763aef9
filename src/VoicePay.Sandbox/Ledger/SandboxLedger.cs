using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VoicePay.Sandbox.Api;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Sandbox.Ledger;

/// <summary>The sandbox bank's books in SQLite. Every write is one transaction taken with BEGIN IMMEDIATE.</summary>
public sealed partial class SandboxLedger : IDisposable
{
    private const string ApplicationJson = "application/json";

    private readonly string _connectionString;
    private readonly SandboxBankOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _customersByToken;

    // Queues writers in this process without parking thread-pool threads in SQLite's busy wait;
    // BEGIN IMMEDIATE still guards against other processes sharing the file.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // An in-memory database lives only while a connection to it is open.
    private readonly SqliteConnection? _keepAlive;

    public SandboxLedger(IOptions<SandboxBankOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        (_connectionString, _keepAlive) = Connect(_options.ConnectionString);
        _customersByToken = new(SandboxSeed.Customers.ToDictionary(c => c.Token, c => c.Id, StringComparer.Ordinal), StringComparer.Ordinal);
        Initialize();
    }

    /// <summary>The customer a bearer token belongs to, or null.</summary>
    public string? FindCustomer(string token) => _customersByToken.GetValueOrDefault(token);

    public IReadOnlyList<AccountBody> GetAccounts(string customerId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.nickname, a.type, a.last_four, a.currency, COALESCE(SUM(e.amount_minor), 0), a.nicknames
            FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
            WHERE a.customer_id = $customer AND a.kind = 'customer'
            GROUP BY a.id ORDER BY a.type, a.id
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        using var reader = command.ExecuteReader();
        var accounts = new List<AccountBody>();
        while (reader.Read())
        {
            var balance = MinorUnits.Format(reader.GetInt64(5));
            var nicknames = reader.GetString(6).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            accounts.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), balance, balance, nicknames));
        }

        return accounts;
    }

    public IReadOnlyList<PayeeBody> GetPayees(string customerId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, display_name, nicknames, last_four FROM payees WHERE customer_id = $customer ORDER BY display_name, id";
        command.Parameters.AddWithValue("$customer", customerId);
        using var reader = command.ExecuteReader();
        var payees = new List<PayeeBody>();
        while (reader.Read())
        {
            var nicknames = reader.GetString(2).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            payees.Add(new(reader.GetString(0), reader.GetString(1), nicknames, reader.GetString(3)));
        }

        return payees;
    }

    public TransferBody? GetTransfer(string customerId, string transferId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, status, from_account_id, payee_id, amount_minor, currency, memo, created_at, to_account_id
            FROM transfers WHERE id = $id AND customer_id = $customer
            """;
        command.Parameters.AddWithValue("$id", transferId);
        command.Parameters.AddWithValue("$customer", customerId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TransferBody(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                MinorUnits.Format(reader.GetInt64(4)),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetString(8))
            : null;
    }

    /// <summary>The transfer <paramref name="idempotencyKey"/> created for the customer, as it stands now; null when it created none.</summary>
    public TransferBody? FindTransferByKey(string customerId, string idempotencyKey)
    {
        string? body;
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT body FROM idempotency_records
                WHERE customer_id = $customer AND idempotency_key = $key AND status_code = 201
                """;
            command.Parameters.AddWithValue("$customer", customerId);
            command.Parameters.AddWithValue("$key", idempotencyKey);
            body = command.ExecuteScalar() as string;
        }

        // A stored refusal created nothing: the key has no transfer, as if it had never been received.
        return body is not null && JsonSerializer.Deserialize(body, SandboxJsonContext.Default.TransferBody) is { } created
            ? GetTransfer(customerId, created.Id)
            : null;
    }

    internal async Task<StoredResponse> TransferAsync(TransferCommand command)
    {
        await _writeGate.WaitAsync();
        try
        {
            return Transfer(command);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Moves money once per idempotency key. The key lookup, the balance check, both ledger entries and the
    /// stored answer share one write transaction, so parallel or repeated requests cannot overdraw or double-pay.
    /// </summary>
    internal StoredResponse Transfer(TransferCommand command)
    {
        var requestHash = Hash(command);
        using var connection = Open();

        // Serializable + not deferred is BEGIN IMMEDIATE: the write lock is taken before the balance is read.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);

        var stored = FindStoredResponse(connection, command.CustomerId, command.IdempotencyKey);
        if (stored is not null)
        {
            return stored.Value.Hash == requestHash
                ? stored.Value.Response with { Replayed = true }
                : ProblemResponse(ProblemCodes.IdempotencyConflict, "This idempotency key was already used for a different transfer.");
        }

        var response = Execute(connection, command);
        Store(connection, command, requestHash, response);
        transaction.Commit();
        return response;
    }

    /// <summary>
    /// Opens the books of one more customer, for tests that need a customer like a demo one with other balances
    /// and history (<see cref="SandboxSeed.CopyOf"/>). Its accounts, payees and history go into the ledger's file
    /// in one write transaction; its token is known to this ledger object only. No HTTP route leads here.
    /// </summary>
    public void AddCustomer(SeedCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);

        // The bank's own accounts exist for the demo customers' currencies only.
        var booked = SandboxSeed.Customers.SelectMany(c => c.Accounts).Select(a => a.Currency).ToHashSet(StringComparer.Ordinal);
        if (customer.Accounts.Count == 0 || customer.Accounts.Any(a => !booked.Contains(a.Currency)))
        {
            throw new ArgumentException($"A sandbox customer needs accounts in {string.Join(" or ", booked)}.", nameof(customer));
        }

        _writeGate.Wait();
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            SeedCustomer(connection, customer);
            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }

        _customersByToken[customer.Token] = customer.Id;
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        _keepAlive?.Dispose();
    }

    /// <summary>How many transfers exist and the sum of all ledger entries (zero when the books balance).</summary>
    public LedgerAudit Audit()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM transfers), (SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new LedgerAudit(reader.GetInt64(0), MinorUnits.ToDecimal(reader.GetInt64(1)));
    }

    /// <summary>Every transfer on the books with the idempotency key that created it: what tests and the developer compare speech with.</summary>
    public IReadOnlyList<LedgerTransfer> Transfers()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.id, t.customer_id, t.payee_id, t.amount_minor, t.currency,
                   (SELECT r.idempotency_key FROM idempotency_records r
                    WHERE r.customer_id = t.customer_id AND instr(r.body, '"' || t.id || '"') > 0),
                   t.from_account_id, t.to_account_id
            FROM transfers t ORDER BY t.created_at, t.id;
            """;
        using var reader = command.ExecuteReader();
        var transfers = new List<LedgerTransfer>();
        while (reader.Read())
        {
            var toAccount = reader.IsDBNull(7) ? null : reader.GetString(7);
            transfers.Add(new LedgerTransfer(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                MinorUnits.ToDecimal(reader.GetInt64(3)),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                toAccount));
        }

        return transfers;
    }

    private StoredResponse Execute(SqliteConnection connection, TransferCommand command)
    {
        // First, inside the write transaction: past its deadline the request creates nothing, however valid, and the
        // refusal is stored under the key, so the same request arriving later still creates nothing.
        if (command.NotAfter is { } notAfter && _time.GetUtcNow() > notAfter)
        {
            return ProblemResponse(ProblemCodes.TransferExpired, "The request arrived after its notAfter; nothing was created.");
        }

        if (command.Amount <= 0 || !MinorUnits.HasAtMostTwoDecimals(command.Amount))
        {
            return ProblemResponse(ProblemCodes.InvalidAmount, "The amount must be positive with at most two decimal places.");
        }

        var from = FindCustomerAccount(connection, command.CustomerId, command.FromAccountId);
        if (from is null)
        {
            return ProblemResponse(ProblemCodes.AccountNotFound, "The account to pay from does not exist.");
        }

        if (!string.Equals(from.Value.Currency, command.Currency, StringComparison.Ordinal))
        {
            return ProblemResponse(ProblemCodes.InvalidAmount, "The amount must be in the account's currency.");
        }

        // To a payee, or to another of the customer's own accounts: both sides then are the customer's.
        var destination = Destination(connection, command, from.Value.Currency);
        if (destination.Problem is { } refused)
        {
            return refused;
        }

        if (command.Amount > _options.PerTransferLimit)
        {
            return ProblemResponse(ProblemCodes.LimitExceeded, "The amount is above the bank's limit for a single transfer.");
        }

        var amount = MinorUnits.From(command.Amount);
        if (from.Value.BalanceMinor < amount)
        {
            return ProblemResponse(ProblemCodes.InsufficientFunds, "The account does not have enough money for this transfer.");
        }

        var now = _time.GetUtcNow();
        var transfer = new TransferBody(
            "tr_" + Guid.NewGuid().ToString("N"),
            "completed",
            command.FromAccountId,
            command.PayeeId,
            MinorUnits.Format(amount),
            command.Currency,
            command.Memo,
            now,
            command.ToAccountId);
        InsertTransfer(connection, command, transfer, amount);
        // A move reads as the seeded ones do ("Transfer to Rainy Day Savings"), with no counterparty: both sides are the customer's.
        var (sent, received) = command.ToAccountId is null
            ? ($"To {destination.Name}", "From " + command.CustomerId)
            : ($"Transfer to {destination.Name}", "Transfer from " + from.Value.Nickname);
        InsertEntry(connection, command.FromAccountId, transfer.Id, -amount, command.Memo is null ? sent : $"{sent}: {command.Memo}", now);
        InsertEntry(connection, destination.LedgerAccountId!, transfer.Id, amount, received, now);
        if (command.Amount > _options.LargeDebitThreshold)
        {
            // In the transfer's transaction: the event exists exactly when the money moved (and a replay raises none).
            // A move between the customer's own accounts is still a large debit of the account it left, as banks alert it.
            InsertEvent(connection, EventTypes.LargeDebit, command.CustomerId, now, amount, command.Currency, destination.Name, from.Value.LastFour);
        }

        return new StoredResponse(201, ApplicationJson, JsonSerializer.Serialize(transfer, SandboxJsonContext.Default.TransferBody), Replayed: false);
    }

    private static StoredResponse ProblemResponse(string code, string detail)
    {
        var problem = Problems.Create(code, detail);
        return new StoredResponse(problem.Status, Problems.ContentType, JsonSerializer.Serialize(problem, SandboxJsonContext.Default.ProblemBody), Replayed: false);
    }

    private static string Hash(TransferCommand command)
    {
        // Canonical form, so "20", "20.0" and 20.00 are the same request.
        var canonical = string.Join(
            '\n',
            command.FromAccountId,
            command.PayeeId ?? string.Empty,
            command.Amount.ToString("0.############################", CultureInfo.InvariantCulture),
            command.Currency,
            command.Memo ?? "\0");

        // Only when given, so a request without a deadline hashes as it always did.
        if (command.NotAfter is { } notAfter)
        {
            canonical += "\n" + notAfter.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        // Likewise the destination account: a payment hashes as it always did, and a move never equals a payment.
        if (command.ToAccountId is { } toAccountId)
        {
            canonical += "\nto:" + toAccountId;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static (string Hash, StoredResponse Response)? FindStoredResponse(SqliteConnection connection, string customerId, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT request_hash, status_code, content_type, body FROM idempotency_records
            WHERE customer_id = $customer AND idempotency_key = $key
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), new StoredResponse(reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Replayed: false))
            : null;
    }

    private void Store(SqliteConnection connection, TransferCommand transfer, string requestHash, StoredResponse response)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO idempotency_records (customer_id, idempotency_key, request_hash, status_code, content_type, body, created_at)
            VALUES ($customer, $key, $hash, $status, $type, $body, $at)
            """;
        command.Parameters.AddWithValue("$customer", transfer.CustomerId);
        command.Parameters.AddWithValue("$key", transfer.IdempotencyKey);
        command.Parameters.AddWithValue("$hash", requestHash);
        command.Parameters.AddWithValue("$status", response.StatusCode);
        command.Parameters.AddWithValue("$type", response.ContentType);
        command.Parameters.AddWithValue("$body", response.Body);
        command.Parameters.AddWithValue("$at", Timestamp(_time.GetUtcNow()));
        command.ExecuteNonQuery();
    }

    private static (string Currency, long BalanceMinor, string LastFour, string Nickname)? FindCustomerAccount(SqliteConnection connection, string customerId, string accountId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.currency, (SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account_id = a.id), a.last_four, a.nickname
            FROM accounts a WHERE a.id = $id AND a.customer_id = $customer AND a.kind = 'customer'
            """;
        command.Parameters.AddWithValue("$id", accountId);
        command.Parameters.AddWithValue("$customer", customerId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)) : null;
    }

    /// <summary>
    /// Where the money goes: the payee's ledger account, or the customer's own destination account (another customer's
    /// is "not found", as for the account paid from; one in another currency is an invalid amount, as for the source).
    /// </summary>
    private static (string? Name, string? LedgerAccountId, StoredResponse? Problem) Destination(SqliteConnection connection, TransferCommand command, string currency)
    {
        if (command.ToAccountId is { } toAccountId)
        {
            var to = FindCustomerAccount(connection, command.CustomerId, toAccountId);
            if (to is null)
            {
                return (null, null, ProblemResponse(ProblemCodes.AccountNotFound, "The account to move the money to does not exist."));
            }

            return string.Equals(to.Value.Currency, currency, StringComparison.Ordinal)
                ? (to.Value.Nickname, toAccountId, null)
                : (null, null, ProblemResponse(ProblemCodes.InvalidAmount, "Both accounts must be in the amount's currency."));
        }

        var payee = FindPayee(connection, command.CustomerId, command.PayeeId ?? string.Empty);
        return payee is null
            ? (null, null, ProblemResponse(ProblemCodes.PayeeNotFound, "The payee does not exist."))
            : (payee.Value.DisplayName, payee.Value.LedgerAccountId, null);
    }

    private static (string DisplayName, string LedgerAccountId)? FindPayee(SqliteConnection connection, string customerId, string payeeId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT display_name, ledger_account_id FROM payees WHERE id = $id AND customer_id = $customer";
        command.Parameters.AddWithValue("$id", payeeId);
        command.Parameters.AddWithValue("$customer", customerId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static void InsertTransfer(SqliteConnection connection, TransferCommand transfer, TransferBody body, long amount)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO transfers (id, customer_id, from_account_id, payee_id, amount_minor, currency, memo, status, created_at, to_account_id)
            VALUES ($id, $customer, $from, $payee, $amount, $currency, $memo, $status, $at, $to)
            """;
        command.Parameters.AddWithValue("$to", (object?)transfer.ToAccountId ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", body.Id);
        command.Parameters.AddWithValue("$customer", transfer.CustomerId);
        command.Parameters.AddWithValue("$from", transfer.FromAccountId);
        command.Parameters.AddWithValue("$payee", (object?)transfer.PayeeId ?? DBNull.Value);
        command.Parameters.AddWithValue("$amount", amount);
        command.Parameters.AddWithValue("$currency", transfer.Currency);
        command.Parameters.AddWithValue("$memo", (object?)transfer.Memo ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", body.Status);
        command.Parameters.AddWithValue("$at", Timestamp(body.CreatedAt));
        command.ExecuteNonQuery();
    }

    private static void InsertEntry(SqliteConnection connection, string accountId, string? transferId, long amount, string description, DateTimeOffset at, string? counterparty = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ledger_entries (account_id, transfer_id, amount_minor, description, posted_at, counterparty)
            VALUES ($account, $transfer, $amount, $description, $at, $counterparty)
            """;
        command.Parameters.AddWithValue("$counterparty", (object?)counterparty ?? DBNull.Value);
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$transfer", (object?)transferId ?? DBNull.Value);
        command.Parameters.AddWithValue("$amount", amount);
        command.Parameters.AddWithValue("$description", description);
        command.Parameters.AddWithValue("$at", Timestamp(at));
        command.ExecuteNonQuery();
    }

    private static void InsertAccount(SqliteConnection connection, string id, string? customerId, string kind, string nickname, string type, string lastFour, string currency, IReadOnlyList<string>? nicknames = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO accounts (id, customer_id, kind, nickname, type, last_four, currency, nicknames)
            VALUES ($id, $customer, $kind, $nickname, $type, $lastFour, $currency, $nicknames)
            """;
        command.Parameters.AddWithValue("$nicknames", string.Join('\n', nicknames ?? []));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$customer", (object?)customerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$nickname", nickname);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$lastFour", lastFour);
        command.Parameters.AddWithValue("$currency", currency);
        command.ExecuteNonQuery();
    }

    // Sortable and exact: ISO 8601 UTC with a fixed width.
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// "Data Source=:memory:" would give every connection its own empty database, so in-memory
    /// ledgers become a uniquely named shared-cache database held open for the ledger's lifetime.
    /// </summary>
    private static (string ConnectionString, SqliteConnection? KeepAlive) Connect(string configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            return (configured, null);
        }

        if (builder.DataSource is ":memory:" or "")
        {
            builder.DataSource = "voicepay-sandbox-" + Guid.NewGuid().ToString("N");
        }

        builder.Mode = SqliteOpenMode.Memory;
        builder.Cache = SqliteCacheMode.Shared;
        var keepAlive = new SqliteConnection(builder.ToString());
        keepAlive.Open();
        return (builder.ToString(), keepAlive);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Initialize()
    {
        var dataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        var directory = Path.GetDirectoryName(dataSource);
        if (_keepAlive is null && !string.IsNullOrEmpty(directory) && !dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            // WAL lets balance reads go on while a transfer holds the write lock.
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            pragma.ExecuteNonQuery();
        }

        Schema.AllowTransfersWithoutPayee(connection);
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = Schema.Create;
            create.ExecuteNonQuery();
        }

        Schema.AddEntryCounterparties(connection);
        Schema.AddAccountNicknames(connection);

        using (var seeded = connection.CreateCommand())
        {
            seeded.CommandText = "SELECT COUNT(*) FROM accounts";
            if ((long)seeded.ExecuteScalar()! > 0)
            {
                transaction.Commit();
                return;
            }
        }

        Seed(connection);
        transaction.Commit();
    }

    /// <summary>
    /// Accounts, payees and months of history (<see cref="SeedHistory"/>) dated relative to the sandbox's clock.
    /// Each account opens on the day before the history starts with whatever makes its balance today the seeded
    /// one, so balances read the same whatever the day.
    /// </summary>
    private void Seed(SqliteConnection connection)
    {
        foreach (var currency in SandboxSeed.Customers.SelectMany(c => c.Accounts).Select(a => a.Currency).Distinct())
        {
            InsertAccount(connection, "equity-" + currency, null, "equity", "Bank equity", "internal", "0000", currency);
            InsertAccount(connection, "external-" + currency, null, "external", "Outside world", "internal", "0000", currency);
        }

        foreach (var customer in SandboxSeed.Customers)
        {
            SeedCustomer(connection, customer);
        }
    }

    private void SeedCustomer(SqliteConnection connection, SeedCustomer customer)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var openedAt = new DateTimeOffset(SeedHistory.Start(today).AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var history = SeedHistory.For(customer, today);
        foreach (var account in customer.Accounts)
        {
            InsertAccount(connection, account.Id, customer.Id, "customer", account.Nickname, account.Type, account.LastFour, account.Currency, account.Nicknames);
            var moved = history.Where(h => h.AccountId == account.Id).Sum(h => MinorUnits.From(h.Amount))
                - history.Where(h => h.OtherSide == account.Id).Sum(h => MinorUnits.From(h.Amount));
            var opening = MinorUnits.From(account.Balance) - moved;
            InsertEntry(connection, account.Id, null, opening, "Opening balance", openedAt);
            InsertEntry(connection, "equity-" + account.Currency, null, -opening, "Opening balance " + account.Id, openedAt);
        }

        var currency = customer.Accounts[0].Currency;
        foreach (var payee in customer.Payees)
        {
            var ledgerAccount = "payee-ledger-" + payee.Id;
            InsertAccount(connection, ledgerAccount, null, "payee", payee.DisplayName, "payee", payee.LastFour, currency);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO payees (id, customer_id, display_name, nicknames, last_four, ledger_account_id)
                VALUES ($id, $customer, $name, $nicknames, $lastFour, $ledger)
                """;
            command.Parameters.AddWithValue("$id", payee.Id);
            command.Parameters.AddWithValue("$customer", customer.Id);
            command.Parameters.AddWithValue("$name", payee.DisplayName);
            command.Parameters.AddWithValue("$nicknames", string.Join('\n', payee.Nicknames));
            command.Parameters.AddWithValue("$lastFour", payee.LastFour);
            command.Parameters.AddWithValue("$ledger", ledgerAccount);
            command.ExecuteNonQuery();
        }

        foreach (var past in history)
        {
            SeedEntry(connection, customer, past);
        }
    }

    /// <summary>Both sides of one seeded entry: another of the customer's accounts, a payee's ledger account, or the outside world.</summary>
    private static void SeedEntry(SqliteConnection connection, SeedCustomer customer, SeedTransaction past)
    {
        var amount = MinorUnits.From(past.Amount);
        InsertEntry(connection, past.AccountId, null, amount, past.Description, past.PostedAt, past.Counterparty);
        var own = customer.Accounts.FirstOrDefault(a => a.Id == past.OtherSide);
        if (own is not null)
        {
            var from = customer.Accounts.First(a => a.Id == past.AccountId);
            InsertEntry(connection, own.Id, null, -amount, (amount < 0 ? "Transfer from " : "Transfer to ") + from.Nickname, past.PostedAt);
            return;
        }

        var other = customer.Payees.Any(p => p.Id == past.OtherSide)
            ? "payee-ledger-" + past.OtherSide
            : "external-" + customer.Accounts.First(a => a.Id == past.AccountId).Currency;
        InsertEntry(connection, other, null, -amount, past.Description, past.PostedAt);
    }
}
