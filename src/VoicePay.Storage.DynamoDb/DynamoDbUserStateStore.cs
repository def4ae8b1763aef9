using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// <see cref="IUserStateStore"/> on one DynamoDB table (low-level API only, so it stays AOT safe).
/// Items per person, all under <c>pk = USER#{userId}</c>:
/// <c>sk = PIN</c> (the account's hash and attempt window), <c>sk = PIN#{personId}</c> (a recognized person's, issue 19
/// item 5: in the same partition, so "forget me" finds it), <c>sk = DAY#yyyy-MM-dd</c> (total, currency and a map of
/// reservations by idempotency key), <c>sk = CONV#{sessionId}</c> (state and TTL <c>expiresAt</c>),
/// <c>sk = XFER#{idempotencyKey}</c> (the transfer journal, <see cref="ITransferJournal"/>).
/// Counters change only through conditional updates; nothing here needs a transaction.
/// </summary>
public sealed partial class DynamoDbUserStateStore : IUserStateStore, ITransferJournal
{
    private const string PinSortKey = "PIN";
    private const int MaxOptimisticPasses = 50;

    /// <summary>The account's PIN item, or a recognized person's beside it: <c>PIN#</c> and the person ID.</summary>
    private static string PinSortKeyOf(PinHolder holder) => holder.PersonId is { } person ? PinSortKey + "#" + person : PinSortKey;

    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly TimeProvider _time;

    public DynamoDbUserStateStore(IAmazonDynamoDB client, DynamoDbStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.TableName, nameof(options.TableName));
        _client = client;
        _tableName = options.TableName;
        _time = timeProvider ?? TimeProvider.System;
    }

    public async Task SetPinAsync(PinHolder holder, StoredPin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        // One update replaces the hash and empties the attempt window; the window's version moves on by one, so
        // a change computed on the old window (conditional on the old version) can never land on the new PIN.
        await _client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _tableName,
                Key = Key(holder.UserId, PinSortKeyOf(holder)),
                UpdateExpression =
                    "SET algorithm = :algorithm, salt = :salt, #hash = :hash, iterations = :iterations, " +
                    "windowVersion = if_not_exists(windowVersion, :zero) + :one REMOVE #window",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#hash"] = "hash", ["#window"] = "window" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":algorithm"] = new() { S = pin.Algorithm },
                    [":salt"] = new() { B = new MemoryStream(pin.Salt) },
                    [":hash"] = new() { B = new MemoryStream(pin.Hash) },
                    [":iterations"] = Number(pin.Iterations),
                    [":zero"] = Number(0),
                    [":one"] = Number(1),
                },
            },
            cancellationToken);
    }

    public async Task<bool> ReplacePinAsync(PinHolder holder, StoredPin current, StoredPin replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        // Conditional on the record read, so a PIN enrolled meanwhile is never overwritten. The window and its version stay:
        // the attempts in flight were claimed against the same PIN.
        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = Key(holder.UserId, PinSortKeyOf(holder)),
                    UpdateExpression = "SET algorithm = :algorithm, salt = :salt, #hash = :hash, iterations = :iterations",
                    ConditionExpression = "algorithm = :oldAlgorithm AND salt = :oldSalt AND #hash = :oldHash AND iterations = :oldIterations",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#hash"] = "hash" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":algorithm"] = new() { S = replacement.Algorithm },
                        [":salt"] = new() { B = new MemoryStream(replacement.Salt) },
                        [":hash"] = new() { B = new MemoryStream(replacement.Hash) },
                        [":iterations"] = Number(replacement.Iterations),
                        [":oldAlgorithm"] = new() { S = current.Algorithm },
                        [":oldSalt"] = new() { B = new MemoryStream(current.Salt) },
                        [":oldHash"] = new() { B = new MemoryStream(current.Hash) },
                        [":oldIterations"] = Number(current.Iterations),
                    },
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<PinRecord?> GetPinAsync(PinHolder holder, CancellationToken cancellationToken)
    {
        var item = await GetAsync(holder.UserId, PinSortKeyOf(holder), cancellationToken);
        // Attempts can be claimed before any PIN is enrolled; such an item has a counter but no PIN.
        if (item is null || !item.TryGetValue("algorithm", out var algorithm))
        {
            return null;
        }

        var pin = new StoredPin(algorithm.S, item["salt"].B.ToArray(), item["hash"].B.ToArray(), ParseInt(item["iterations"]));
        var window = PinAttemptWindow.FromJson(item.TryGetValue("window", out var value) ? value.S : null);
        return new PinRecord(pin, window);
    }

    public async Task<T> UpdatePinAttemptsAsync<T>(
        PinHolder holder, Func<PinAttemptWindow, (PinAttemptWindow Window, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // Optimistic concurrency: read the window and its version, write only if the version is unchanged.
        // Each lost race means another caller's write landed, so a handful of passes always suffices in practice.
        for (var pass = 0; ; pass++)
        {
            var item = await GetAsync(holder.UserId, PinSortKeyOf(holder), cancellationToken);
            var version = item is not null && item.TryGetValue("windowVersion", out var v) ? long.Parse(v.N, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0L;
            var (window, result) = change(PinAttemptWindow.FromJson(item is not null && item.TryGetValue("window", out var w) ? w.S : null));
            try
            {
                await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _tableName,
                        Key = Key(holder.UserId, PinSortKeyOf(holder)),
                        UpdateExpression = "SET #window = :window, windowVersion = :next",
                        ConditionExpression = version == 0 ? "attribute_not_exists(windowVersion)" : "windowVersion = :version",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#window"] = "window" },
                        ExpressionAttributeValues = version == 0
                            ? new Dictionary<string, AttributeValue> { [":window"] = new() { S = window.ToJson() }, [":next"] = Number(1) }
                            : new Dictionary<string, AttributeValue>
                            {
                                [":window"] = new() { S = window.ToJson() },
                                [":next"] = Number(version + 1),
                                [":version"] = Number(version),
                            },
                    },
                    cancellationToken);
                return result;
            }
            catch (ConditionalCheckFailedException) when (pass < MaxOptimisticPasses)
            {
                // Someone else changed the window between our read and our write: read it again.
            }
        }
    }

    public async Task<bool> TryReserveDailyAmountAsync(
        string userId, DateOnly day, string idempotencyKey, Money amount, Money dailyLimit, CancellationToken cancellationToken)
    {
        DailyReservation.Validate(idempotencyKey, amount, dailyLimit);
        // The update may only run while the total leaves room for the amount: total <= limit - amount.
        var headroom = dailyLimit.Amount - amount.Amount;
        if (headroom < 0)
        {
            return false;
        }

        // A failed add says only that some part of its condition was false when it ran. Refuse only when the
        // day's item, read afterwards, has no room left: if it was missing, create it; if it has room (another
        // caller created it, or released, after our add ran), add again. Each pass follows someone else's write.
        for (var pass = 0; pass < MaxOptimisticPasses; pass++)
        {
            try
            {
                await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _tableName,
                        Key = Key(userId, DaySortKey(day)),
                        UpdateExpression = "SET #total = #total + :amount, reservations.#key = :amount",
                        ConditionExpression =
                            "attribute_exists(#total) AND currency = :currency AND attribute_not_exists(reservations.#key) AND #total <= :headroom",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#total"] = "total", ["#key"] = idempotencyKey },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":amount"] = Number(amount.Amount),
                            [":currency"] = new AttributeValue { S = amount.Currency },
                            [":headroom"] = Number(headroom),
                        },
                    },
                    cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                // Find out which part of the condition failed.
                var item = await GetAsync(userId, DaySortKey(day), cancellationToken);
                if (item is null)
                {
                    await CreateDayAsync(userId, day, amount.Currency, cancellationToken);
                    continue;
                }

                DailyReservation.EnsureSameCurrency(item["currency"].S, amount.Currency);
                if (Reservations(item).ContainsKey(idempotencyKey))
                {
                    return true;
                }

                if (ParseDecimal(item["total"]) > headroom)
                {
                    return false;
                }

                // Room is left: the add failed on a day item that was missing or fuller then. Try again.
            }
        }

        throw new InvalidOperationException("The day's total kept changing while reserving against it; nothing was reserved.");
    }

    public async Task ReleaseDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var item = await GetAsync(userId, DaySortKey(day), cancellationToken);
        if (item is null || !Reservations(item).TryGetValue(idempotencyKey, out var reserved))
        {
            return;
        }

        try
        {
            // Conditional on the same reservation still being there: a second release subtracts nothing.
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = Key(userId, DaySortKey(day)),
                    UpdateExpression = "SET #total = #total - :amount REMOVE reservations.#key",
                    ConditionExpression = "reservations.#key = :amount",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#total"] = "total", ["#key"] = idempotencyKey },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":amount"] = Number(ParseDecimal(reserved)) },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Released concurrently by someone else.
        }
    }

    public async Task<Money> GetDailyTotalAsync(string userId, DateOnly day, string currency, CancellationToken cancellationToken)
    {
        var zero = Money.Of(0m, currency);
        var item = await GetAsync(userId, DaySortKey(day), cancellationToken);
        if (item is null)
        {
            return zero;
        }

        DailyReservation.EnsureSameCurrency(item["currency"].S, zero.Currency);
        return Money.Of(ParseDecimal(item["total"]), zero.Currency);
    }

    public async Task<string?> GetConversationAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var item = await GetAsync(userId, ConversationSortKey(sessionId), cancellationToken);
        if (item is null)
        {
            return null;
        }

        // TTL deletes expired items late (up to days), so reads enforce the expiry themselves.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(item[DynamoDbUserStateTable.TimeToLiveAttribute].N, CultureInfo.InvariantCulture));
        return expiresAt <= _time.GetUtcNow() ? null : item["state"].S;
    }

    public async Task SaveConversationAsync(
        string userId, string sessionId, string state, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var item = Key(userId, ConversationSortKey(sessionId));
        item["state"] = new AttributeValue { S = state };
        item[DynamoDbUserStateTable.TimeToLiveAttribute] = Number(expiresAt.ToUnixTimeSeconds());
        await _client.PutItemAsync(new PutItemRequest { TableName = _tableName, Item = item }, cancellationToken);
    }

    public async Task DeleteConversationAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        await _client.DeleteItemAsync(
            new DeleteItemRequest { TableName = _tableName, Key = Key(userId, ConversationSortKey(sessionId)) },
            cancellationToken);

    private static string DaySortKey(DateOnly day) => "DAY#" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ConversationSortKey(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return "CONV#" + sessionId;
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string sortKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new Dictionary<string, AttributeValue>
        {
            [DynamoDbUserStateTable.PartitionKey] = new AttributeValue { S = "USER#" + userId },
            [DynamoDbUserStateTable.SortKey] = new AttributeValue { S = sortKey },
        };
    }

    // Numbers travel as invariant decimal strings: DynamoDB's arithmetic is decimal, and so is ours.
    private static AttributeValue Number(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static decimal ParseDecimal(AttributeValue value) => decimal.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int ParseInt(AttributeValue value) => int.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static Dictionary<string, AttributeValue> Reservations(Dictionary<string, AttributeValue> dayItem) =>
        dayItem.TryGetValue("reservations", out var map) && map.M is not null ? map.M : [];

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string userId, string sortKey, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tableName, Key = Key(userId, sortKey), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task CreateDayAsync(string userId, DateOnly day, string currency, CancellationToken cancellationToken)
    {
        var item = Key(userId, DaySortKey(day));
        item["currency"] = new AttributeValue { S = currency };
        item["total"] = Number(0m);
        item["reservations"] = new AttributeValue { M = [] };
        var expiresAt = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + Retention.DailyReservations;
        item[DynamoDbUserStateTable.TimeToLiveAttribute] = Number(expiresAt.ToUnixTimeSeconds());
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest { TableName = _tableName, Item = item, ConditionExpression = "attribute_not_exists(pk)" },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // A parallel reservation created it first; the retry adds to theirs.
        }
    }
}
