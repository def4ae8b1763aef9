using System.Globalization;
using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// Alerts on the same table (<see cref="IAlertStore"/>, docs/dynamodb.md):
/// <c>sk = ALERTLINK</c> under the person (customer, subscription, an optimistic <c>version</c>; indexed under
/// <c>gsi1pk = SUBSCRIBERS#{customerId}</c> only while linked and subscribed), <c>sk = ALERT#{eventId}</c> under the
/// person (indexed under <c>gsi1pk = ALERTS#{delivery}</c>, <c>gsi1sk</c> = when it is due, so a range read of the
/// Pending partition finds what is due), and <c>pk = FEED#{feed}, sk = CURSOR</c>. Alerts carry a TTL; reads skip
/// expired ones because TTL deletes late.
/// </summary>
public sealed partial class DynamoDbUserStateStore : IAlertStore
{
    private const string LinkSortKey = "ALERTLINK";
    private const string AlertPrefix = "ALERT#";

    public Task LinkAsync(string userId, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return ChangeLinkAsync(userId, current => (customerId, current?.Subscribed ?? false), now, cancellationToken);
    }

    public Task SetSubscribedAsync(string userId, bool subscribed, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeLinkAsync(userId, current => (current?.CustomerId, subscribed), now, cancellationToken);

    public async Task<AlertLink?> GetLinkAsync(string userId, CancellationToken cancellationToken)
    {
        var item = await GetAsync(userId, LinkSortKey, cancellationToken);
        return item is null ? null : ReadLink(userId, item);
    }

    public async Task<bool> UnlinkAsync(string userId, DateTimeOffset notChangedAfter, CancellationToken cancellationToken)
    {
        var changed = await ChangeLinkAsync(
            userId,
            current =>
            {
                if (current is not { CustomerId: not null } || current.UpdatedAt > notChangedAfter)
                {
                    // No link to a customer (a subscription alone is Alexa's permission, not the bank's link), or
                    // one made after the request that asks: nothing is undone or rewritten.
                    return null;
                }

                // The subscription stays for a later link, alone.
                return (null, current.Subscribed);
            },
            _time.GetUtcNow(),
            cancellationToken);
        if (!changed)
        {
            return false;
        }

        foreach (var item in await QueryPersonAsync(userId, AlertPrefix, cancellationToken))
        {
            await DeleteAsync(item, cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<string>> SubscribersAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var items = await QueryIndexAsync(SubscribersKey(customerId), null, null, cancellationToken);
        return [.. items.Select(UserIdOf).Order(StringComparer.Ordinal)];
    }

    public async Task<bool> AddAsync(UserAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrEmpty(alert.EventId);
        var item = Key(alert.UserId, AlertPrefix + alert.EventId);
        item["kind"] = new AttributeValue { S = alert.Kind.ToString() };
        item["amount"] = Number(alert.Amount.Amount);
        item["currency"] = new AttributeValue { S = alert.Amount.Currency };
        if (alert.Counterparty is not null)
        {
            item["counterparty"] = new AttributeValue { S = alert.Counterparty };
        }

        if (alert.AccountLastFour is not null)
        {
            item["lastFour"] = new AttributeValue { S = alert.AccountLastFour };
        }

        item["occurredAt"] = Number(alert.OccurredAt.ToUnixTimeMilliseconds());
        item["delivery"] = new AttributeValue { S = alert.Delivery.ToString() };
        item["attempts"] = Number(alert.Attempts);
        if (alert.NextAttemptAt is { } next)
        {
            item["nextAttemptAt"] = Number(next.ToUnixTimeMilliseconds());
        }

        if (alert.HeardAt is { } heard)
        {
            item["heardAt"] = Number(heard.ToUnixTimeMilliseconds());
        }

        var expiresAt = alert.HeardAt is { } h ? h + Retention.HeardAlerts : alert.OccurredAt + Retention.UnheardAlerts;
        item[DynamoDbUserStateTable.TimeToLiveAttribute] = Number(expiresAt.ToUnixTimeSeconds());
        item[DynamoDbUserStateTable.IndexPartitionKey] = new AttributeValue { S = StateKey(alert.Delivery) };
        item[DynamoDbUserStateTable.IndexSortKey] = new AttributeValue { S = DueKey(alert.NextAttemptAt ?? alert.OccurredAt, alert.UserId, alert.EventId) };
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest { TableName = _tableName, Item = item, ConditionExpression = "attribute_not_exists(pk)" },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // (user, event) is stored already: a re-read of the feed, or a parallel delivery run.
            return false;
        }
    }

    public async Task<IReadOnlyList<UserAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // Every pending alert whose due time has come, then oldest first by when it happened: the backlog of due
        // alerts is what the delivery run works through anyway. The index is eventually consistent; TryClaimAsync
        // decides on the item itself.
        var items = await QueryIndexAsync(
            StateKey(DeliveryState.Pending), IndexTime(now.AddMilliseconds(1)), now, cancellationToken);
        return [.. items.Select(ReadAlert)
            .Where(a => a.Delivery == DeliveryState.Pending && (a.NextAttemptAt is null || a.NextAttemptAt <= now))
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.UserId, StringComparer.Ordinal).ThenBy(a => a.EventId, StringComparer.Ordinal)
            .Take(limit)];
    }

    public async Task<bool> TryClaimAsync(
        string userId, string eventId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (leaseUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseUntil), "A claim's lease must end after it starts.");
        }

        try
        {
            // One conditional update: of two senders exactly one finds the alert pending and due, and moves it past now.
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = Key(userId, AlertPrefix + eventId),
                    UpdateExpression = "SET nextAttemptAt = :lease, attempts = attempts + :one, #gsk = :gsk",
                    ConditionExpression =
                        "attribute_exists(pk) AND delivery = :pending AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now) AND #ttl > :nowSeconds",
                    ExpressionAttributeNames = new Dictionary<string, string>
                    {
                        ["#gsk"] = DynamoDbUserStateTable.IndexSortKey,
                        ["#ttl"] = DynamoDbUserStateTable.TimeToLiveAttribute,
                    },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":lease"] = Number(leaseUntil.ToUnixTimeMilliseconds()),
                        [":one"] = Number(1),
                        [":gsk"] = new() { S = DueKey(leaseUntil, userId, eventId) },
                        [":pending"] = new() { S = nameof(DeliveryState.Pending) },
                        [":now"] = Number(now.ToUnixTimeMilliseconds()),
                        [":nowSeconds"] = Number(now.ToUnixTimeSeconds()),
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

    public async Task RecordDeliveryAsync(
        string userId, string eventId, DeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        // A retry time means something only while pending.
        var next = state == DeliveryState.Pending ? nextAttemptAt : null;
        var values = new Dictionary<string, AttributeValue>
        {
            [":state"] = new() { S = state.ToString() },
            [":gpk"] = new() { S = StateKey(state) },
            [":gsk"] = new() { S = DueKey(next ?? _time.GetUtcNow(), userId, eventId) },
        };
        var update = "SET delivery = :state, #gpk = :gpk, #gsk = :gsk";
        if (next is { } at)
        {
            update += ", nextAttemptAt = :next";
            values[":next"] = Number(at.ToUnixTimeMilliseconds());
        }
        else
        {
            update += " REMOVE nextAttemptAt";
        }

        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = Key(userId, AlertPrefix + eventId),
                    UpdateExpression = update,
                    ConditionExpression = "attribute_exists(pk)",
                    ExpressionAttributeNames = new Dictionary<string, string>
                    {
                        ["#gpk"] = DynamoDbUserStateTable.IndexPartitionKey,
                        ["#gsk"] = DynamoDbUserStateTable.IndexSortKey,
                    },
                    ExpressionAttributeValues = values,
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The alert went while it was being sent (unlinked or forgotten): nothing is left to record.
        }
    }

    public async Task<IReadOnlyList<UserAlert>> UnheardAsync(string userId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var items = await QueryPersonAsync(userId, AlertPrefix, cancellationToken);
        return [.. items.Where(i => !i.ContainsKey("heardAt") && !IsExpired(i, now)).Select(ReadAlert)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.EventId, StringComparer.Ordinal)];
    }

    public async Task MarkHeardAsync(string userId, IReadOnlyCollection<string> eventIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        foreach (var eventId in eventIds)
        {
            try
            {
                // Heard once is heard: a second reading keeps the first time, and with it the first expiry.
                await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _tableName,
                        Key = Key(userId, AlertPrefix + eventId),
                        UpdateExpression = "SET heardAt = :now, #ttl = :expires",
                        ConditionExpression = "attribute_exists(pk) AND attribute_not_exists(heardAt)",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#ttl"] = DynamoDbUserStateTable.TimeToLiveAttribute },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":now"] = Number(now.ToUnixTimeMilliseconds()),
                            [":expires"] = Number((now + Retention.HeardAlerts).ToUnixTimeSeconds()),
                        },
                    },
                    cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                // Heard before, or gone.
            }
        }
    }

    public async Task<int> CountAsync(DeliveryState state, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var items = await QueryIndexAsync(StateKey(state), null, now, cancellationToken);
        return items.Count;
    }

    public async Task<string?> GetCursorAsync(string feed, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tableName, Key = CursorKey(feed), ConsistentRead = true }, cancellationToken);
        return response.Item is { Count: > 0 } item && item.TryGetValue("cursor", out var cursor) ? cursor.S : null;
    }

    public async Task SaveCursorAsync(string feed, string cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(cursor);
        var item = CursorKey(feed);
        item["cursor"] = new AttributeValue { S = cursor };
        await _client.PutItemAsync(new PutItemRequest { TableName = _tableName, Item = item }, cancellationToken);
    }

    private static Dictionary<string, AttributeValue> CursorKey(string feed)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        return new Dictionary<string, AttributeValue>
        {
            [DynamoDbUserStateTable.PartitionKey] = new() { S = "FEED#" + feed },
            [DynamoDbUserStateTable.SortKey] = new() { S = "CURSOR" },
        };
    }

    private static string StateKey(DeliveryState state) => "ALERTS#" + state;

    private static string SubscribersKey(string customerId) => "SUBSCRIBERS#" + customerId;

    // Fixed width, so text order is time order; the user and event make each key unique.
    private static string IndexTime(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString("D15", CultureInfo.InvariantCulture);

    private static string DueKey(DateTimeOffset due, string userId, string eventId) => IndexTime(due) + "#" + userId + "#" + eventId;

    private static bool IsExpired(Dictionary<string, AttributeValue> item, DateTimeOffset now) =>
        item.TryGetValue(DynamoDbUserStateTable.TimeToLiveAttribute, out var ttl) && ParseLong(ttl) <= now.ToUnixTimeSeconds();

    private static string UserIdOf(Dictionary<string, AttributeValue> item) => item[DynamoDbUserStateTable.PartitionKey].S["USER#".Length..];

    private static AlertLink ReadLink(string userId, Dictionary<string, AttributeValue> item) => new(
        userId,
        item.TryGetValue("customerId", out var customer) ? customer.S : null,
        item.TryGetValue("subscribed", out var subscribed) && subscribed.BOOL == true,
        DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item["updatedAt"])));

    private static UserAlert ReadAlert(Dictionary<string, AttributeValue> item) => new(
        UserId: UserIdOf(item),
        EventId: item[DynamoDbUserStateTable.SortKey].S[AlertPrefix.Length..],
        Kind: Enum.Parse<BankEventKind>(item["kind"].S),
        Amount: Money.Of(ParseDecimal(item["amount"]), item["currency"].S),
        Counterparty: item.TryGetValue("counterparty", out var counterparty) ? counterparty.S : null,
        AccountLastFour: item.TryGetValue("lastFour", out var lastFour) ? lastFour.S : null,
        OccurredAt: DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item["occurredAt"])),
        Delivery: Enum.Parse<DeliveryState>(item["delivery"].S),
        Attempts: ParseInt(item["attempts"]),
        NextAttemptAt: item.TryGetValue("nextAttemptAt", out var next) ? DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(next)) : null,
        HeardAt: item.TryGetValue("heardAt", out var heard) ? DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(heard)) : null);

    /// <summary>
    /// Read, change, write under the item's <c>version</c> (as the PIN window): the index keys follow from customer
    /// and subscription together, which a single update expression cannot decide. A link that is neither linked nor
    /// subscribed says nothing, so it is deleted rather than kept.
    /// </summary>
    /// <summary>Writes what <paramref name="change"/> makes of the current link (null: leave it); false when it left it.</summary>
    private async Task<bool> ChangeLinkAsync(
        string userId, Func<AlertLink?, (string? CustomerId, bool Subscribed)?> change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var pass = 0; ; pass++)
        {
            var item = await GetAsync(userId, LinkSortKey, cancellationToken);
            var version = item is not null && item.TryGetValue("version", out var v) ? ParseLong(v) : 0L;
            if (change(item is null ? null : ReadLink(userId, item)) is not var (customerId, subscribed))
            {
                return false;
            }

            var condition = version == 0 ? "attribute_not_exists(pk)" : "version = :version";
            var values = version == 0 ? null : new Dictionary<string, AttributeValue> { [":version"] = Number(version) };
            try
            {
                if (customerId is null && !subscribed)
                {
                    if (item is not null)
                    {
                        await _client.DeleteItemAsync(
                            new DeleteItemRequest
                            {
                                TableName = _tableName,
                                Key = Key(userId, LinkSortKey),
                                ConditionExpression = condition,
                                ExpressionAttributeValues = values,
                            },
                            cancellationToken);
                    }

                    return true;
                }

                var next = Key(userId, LinkSortKey);
                next["subscribed"] = new AttributeValue { BOOL = subscribed };
                next["updatedAt"] = Number(now.ToUnixTimeMilliseconds());
                next["version"] = Number(version + 1);
                if (customerId is not null)
                {
                    next["customerId"] = new AttributeValue { S = customerId };
                    if (subscribed)
                    {
                        // Sparse: only linked, subscribed people are in a customer's partition of the index.
                        next[DynamoDbUserStateTable.IndexPartitionKey] = new AttributeValue { S = SubscribersKey(customerId) };
                        next[DynamoDbUserStateTable.IndexSortKey] = new AttributeValue { S = userId };
                    }
                }

                await _client.PutItemAsync(
                    new PutItemRequest { TableName = _tableName, Item = next, ConditionExpression = condition, ExpressionAttributeValues = values },
                    cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException) when (pass < MaxOptimisticPasses)
            {
                // Changed between our read and our write: read it again.
            }
        }
    }

    /// <summary>
    /// Every item of one partition of the index, following pages; <paramref name="before"/> bounds the sort key,
    /// and with <paramref name="now"/> items past their TTL are left out.
    /// </summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryIndexAsync(
        string partition, string? before, DateTimeOffset? now, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":gpk"] = new() { S = partition } };
        var names = new Dictionary<string, string> { ["#gpk"] = DynamoDbUserStateTable.IndexPartitionKey };
        var condition = "#gpk = :gpk";
        if (before is not null)
        {
            condition += " AND #gsk < :before";
            names["#gsk"] = DynamoDbUserStateTable.IndexSortKey;
            values[":before"] = new AttributeValue { S = before };
        }

        string? filter = null;
        if (now is { } at)
        {
            filter = "attribute_not_exists(#ttl) OR #ttl > :nowSeconds";
            names["#ttl"] = DynamoDbUserStateTable.TimeToLiveAttribute;
            values[":nowSeconds"] = Number(at.ToUnixTimeSeconds());
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _tableName,
                    IndexName = DynamoDbUserStateTable.IndexName,
                    KeyConditionExpression = condition,
                    FilterExpression = filter,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);
            items.AddRange(response.Items ?? []);
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return items;
    }
}
