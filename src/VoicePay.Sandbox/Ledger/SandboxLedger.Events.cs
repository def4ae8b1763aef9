using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using VoicePay.Sandbox.Api;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Sandbox.Ledger;

/// <summary>A sandbox-only request to raise an event, or why it was refused.</summary>
internal sealed record RaiseOutcome(EventBody? Event, string? ProblemCode = null, string? Detail = null);

/// <summary>The account-event feed's half of the books: the events table, read in sequence order.</summary>
public sealed partial class SandboxLedger
{
    private const int MaxCounterpartyLength = 100;

    /// <summary>Whether <paramref name="token"/> is the configured service key, compared in fixed time.</summary>
    public bool IsServiceKey(string token) =>
        _options.ServiceKey.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(_options.ServiceKey));

    /// <summary>Events after <paramref name="afterSequence"/> in feed order, and the cursor after the last one returned.</summary>
    internal EventPageBody ReadEvents(long afterSequence, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, id, type, customer_id, occurred_at, amount_minor, currency, counterparty, account_last_four
            FROM events WHERE seq > $after ORDER BY seq LIMIT $take
            """;
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$take", limit + 1);
        using var reader = command.ExecuteReader();
        var events = new List<EventBody>();
        var last = afterSequence;
        while (events.Count < limit && reader.Read())
        {
            last = reader.GetInt64(0);
            events.Add(ReadEvent(reader));
        }

        var hasMore = events.Count == limit && reader.Read();
        return new EventPageBody(events, EventCursor.Encode(last), hasMore);
    }

    /// <summary>Every event on the books in feed order: what tests compare the feed with.</summary>
    public IReadOnlyList<EventBody> Events() => ReadEvents(0, int.MaxValue - 1).Events;

    internal async Task<RaiseOutcome> RaiseEventAsync(string type, RaiseEventRequestBody request)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            var outcome = Raise(connection, type, request);
            transaction.Commit();
            return outcome;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private RaiseOutcome Raise(SqliteConnection connection, string type, RaiseEventRequestBody request)
    {
        var customerId = request.CustomerId ?? SandboxSeed.Customers[0].Id;
        if (!SandboxSeed.Customers.Any(c => c.Id == customerId))
        {
            return new(null, ProblemCodes.CustomerNotFound, "No such customer; the sandbox has " + string.Join(", ", SandboxSeed.Customers.Select(c => c.Id)) + ".");
        }

        var accountId = request.AccountId ?? FirstAccount(connection, customerId);
        if (accountId is null || FindCustomerAccount(connection, customerId, accountId) is not { } account)
        {
            return new(null, ProblemCodes.AccountNotFound, "The customer has no such account.");
        }

        var (defaultAmount, defaultCounterparty) = EventTypes.Defaults(type);
        var amount = request.Amount ?? defaultAmount ?? MinorUnits.ToDecimal(account.BalanceMinor);
        if (amount < 0 || !MinorUnits.HasAtMostTwoDecimals(amount) || amount > 1_000_000_000m)
        {
            return new(null, ProblemCodes.InvalidAmount, "The amount must be zero or positive with at most two decimal places.");
        }

        var counterparty = request.Counterparty ?? defaultCounterparty;
        if (counterparty is { Length: 0 or > MaxCounterpartyLength })
        {
            return new(null, ProblemCodes.InvalidRequest, $"counterparty must be 1 to {MaxCounterpartyLength} characters.");
        }

        return new(InsertEvent(connection, type, customerId, _time.GetUtcNow(), MinorUnits.From(amount), account.Currency, counterparty, account.LastFour));
    }

    private static string? FirstAccount(SqliteConnection connection, string customerId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM accounts WHERE customer_id = $customer AND kind = 'customer' ORDER BY type, id LIMIT 1";
        command.Parameters.AddWithValue("$customer", customerId);
        return command.ExecuteScalar() as string;
    }

    private static EventBody InsertEvent(SqliteConnection connection, string type, string customerId, DateTimeOffset at, long amountMinor, string currency, string? counterparty, string? lastFour)
    {
        var body = new EventBody("evt_" + Guid.NewGuid().ToString("N"), type, customerId, at, MinorUnits.Format(amountMinor), currency, counterparty, lastFour);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO events (id, type, customer_id, occurred_at, amount_minor, currency, counterparty, account_last_four)
            VALUES ($id, $type, $customer, $at, $amount, $currency, $counterparty, $lastFour)
            """;
        command.Parameters.AddWithValue("$id", body.Id);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$at", Timestamp(at));
        command.Parameters.AddWithValue("$amount", amountMinor);
        command.Parameters.AddWithValue("$currency", currency);
        command.Parameters.AddWithValue("$counterparty", (object?)counterparty ?? DBNull.Value);
        command.Parameters.AddWithValue("$lastFour", (object?)lastFour ?? DBNull.Value);
        command.ExecuteNonQuery();
        return body;
    }

    private static EventBody ReadEvent(SqliteDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        MinorUnits.Format(reader.GetInt64(5)),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));
}
