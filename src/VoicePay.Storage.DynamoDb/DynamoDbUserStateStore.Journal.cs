using System.Globalization;
using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.State;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// The transfer journal on the same table (<see cref="ITransferJournal"/>): one item per transfer,
/// <c>pk = USER#{userId}</c>, <c>sk = XFER#{idempotencyKey}</c>. It is created by a put under
/// <c>attribute_not_exists(pk)</c> and moved by updates conditional on the states it may move from
/// (<see cref="TransferJournal.From"/>), so two processes can never move one transfer backwards or twice.
/// A pending or unknown item carries no <c>expiresAt</c>: an unresolved transfer must never be lost; settling it
/// sets <c>expiresAt</c> to 30 days later (<see cref="Retention.SettledTransfers"/>).
/// </summary>
public sealed partial class DynamoDbUserStateStore
{
    private const string JournalPrefix = "XFER#";

    public async Task<(JournalEntry Entry, bool Created)> BeginAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        TransferJournal.ValidateNew(entry);
        var item = Key(entry.UserId, JournalSortKey(entry.IdempotencyKey));
        item["payeeId"] = new AttributeValue { S = entry.PayeeId };
        item["payeeName"] = new AttributeValue { S = entry.PayeeName };
        item["fromAccountId"] = new AttributeValue { S = entry.FromAccountId };
        item["fromAccountName"] = new AttributeValue { S = entry.FromAccountName };
        item["fromLastFour"] = new AttributeValue { S = entry.FromAccountLastFour };
        item["amount"] = Number(entry.Amount);
        item["currency"] = new AttributeValue { S = entry.Currency };
        item["reservedOn"] = new AttributeValue { S = entry.ReservedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        item["state"] = new AttributeValue { S = entry.State.ToString() };
        item["createdAt"] = Number(entry.CreatedAt.ToUnixTimeMilliseconds());
        item["updatedAt"] = Number(entry.UpdatedAt.ToUnixTimeMilliseconds());
        if (entry.State == JournalState.Declined)
        {
            // Declined before any bank call: settled from the start, so its retention starts now (docs/privacy.md).
            item["declineReason"] = new AttributeValue { S = entry.DeclineReason };
            item[DynamoDbUserStateTable.TimeToLiveAttribute] = Number((entry.UpdatedAt + Retention.SettledTransfers).ToUnixTimeSeconds());
        }

        try
        {
            await _client.PutItemAsync(
                new PutItemRequest { TableName = _tableName, Item = item, ConditionExpression = "attribute_not_exists(pk)" },
                cancellationToken);
            return (ReadEntry(entry.UserId, item), true);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already journalled (a retry, or another process): what is stored wins.
            var stored = await FindAsync(entry.UserId, entry.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("A journalled transfer disappeared while it was being begun.");
            return (stored, false);
        }
    }

    public async Task<JournalEntry> AdvanceAsync(
        string userId, string idempotencyKey, JournalState to, string? transferId, string? declineReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var from = TransferJournal.From(to);
        if (from.Count == 0)
        {
            // Nothing moves to this state (pending): the entry stays as it is.
            return await FindAsync(userId, idempotencyKey, cancellationToken)
                ?? throw new KeyNotFoundException("No journalled transfer has that idempotency key.");
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":to"] = new() { S = to.ToString() },
            [":at"] = Number(at.ToUnixTimeMilliseconds()),
        };
        var allowed = new List<string>();
        for (var i = 0; i < from.Count; i++)
        {
            values[$":from{i}"] = new AttributeValue { S = from[i].ToString() };
            allowed.Add($":from{i}");
        }

        var set = "SET #state = :to, updatedAt = :at";
        if (transferId is not null)
        {
            set += ", transferId = :transferId";
            values[":transferId"] = new AttributeValue { S = transferId };
        }

        if (declineReason is not null)
        {
            set += ", declineReason = :declineReason";
            values[":declineReason"] = new AttributeValue { S = declineReason };
        }

        if (to is JournalState.Sent or JournalState.Declined)
        {
            // Settled: nothing is left to find out, so the entry's retention starts (docs/privacy.md).
            set += ", " + DynamoDbUserStateTable.TimeToLiveAttribute + " = :expiresAt";
            values[":expiresAt"] = Number((at + Retention.SettledTransfers).ToUnixTimeSeconds());
        }

        try
        {
            var response = await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = Key(userId, JournalSortKey(idempotencyKey)),
                    UpdateExpression = set,
                    // The item must exist (an update would otherwise create it) and be in a state that may move to :to.
                    ConditionExpression = $"attribute_exists(pk) AND #state IN ({string.Join(", ", allowed)})",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state" },
                    ExpressionAttributeValues = values,
                    ReturnValues = Amazon.DynamoDBv2.ReturnValue.ALL_NEW,
                },
                cancellationToken);
            return ReadEntry(userId, response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            // Missing, or already past the states that lead to :to (a later move won): report what is stored.
            return await FindAsync(userId, idempotencyKey, cancellationToken)
                ?? throw new KeyNotFoundException("No journalled transfer has that idempotency key.");
        }
    }

    public async Task<JournalEntry?> FindAsync(string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var item = await GetAsync(userId, JournalSortKey(idempotencyKey), cancellationToken);
        return item is null ? null : ReadEntry(userId, item);
    }

    public Task<IReadOnlyList<JournalEntry>> UnresolvedAsync(string userId, CancellationToken cancellationToken) =>
        QueryJournalAsync(
            userId,
            "#state IN (:pending, :unknown)",
            new Dictionary<string, AttributeValue>
            {
                [":pending"] = new() { S = nameof(JournalState.Pending) },
                [":unknown"] = new() { S = nameof(JournalState.Unknown) },
            },
            cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> SentSinceAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryJournalAsync(
            userId,
            "#state = :sent AND updatedAt >= :since",
            new Dictionary<string, AttributeValue>
            {
                [":sent"] = new() { S = nameof(JournalState.Sent) },
                [":since"] = new() { N = since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            },
            cancellationToken);

    /// <summary>The person's journal entries that pass <paramref name="filter"/>, oldest first.</summary>
    private async Task<IReadOnlyList<JournalEntry>> QueryJournalAsync(string userId, string filter, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var key = Key(userId, JournalPrefix);
        values[":pk"] = key[DynamoDbUserStateTable.PartitionKey];
        values[":prefix"] = new() { S = JournalPrefix };
        var entries = new List<JournalEntry>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _tableName,
                    ConsistentRead = true,
                    KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
                    FilterExpression = filter,
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state" },
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);
            entries.AddRange((response.Items ?? []).Select(item => ReadEntry(userId, item)));
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        // The sort key orders by idempotency key; the journal's order is oldest first (as SQLite's).
        return [.. entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.IdempotencyKey, StringComparer.Ordinal)];
    }

    private static string JournalSortKey(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return JournalPrefix + idempotencyKey;
    }

    private static JournalEntry ReadEntry(string userId, Dictionary<string, AttributeValue> item) => new(
        UserId: userId,
        IdempotencyKey: item[DynamoDbUserStateTable.SortKey].S[JournalPrefix.Length..],
        PayeeId: item["payeeId"].S,
        PayeeName: item["payeeName"].S,
        FromAccountId: item["fromAccountId"].S,
        FromAccountName: item["fromAccountName"].S,
        FromAccountLastFour: item["fromLastFour"].S,
        Amount: ParseDecimal(item["amount"]),
        Currency: item["currency"].S,
        ReservedOn: DateOnly.ParseExact(item["reservedOn"].S, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        State: Enum.Parse<JournalState>(item["state"].S),
        CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item["createdAt"])),
        UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item["updatedAt"])),
        TransferId: item.TryGetValue("transferId", out var transferId) ? transferId.S : null,
        DeclineReason: item.TryGetValue("declineReason", out var reason) ? reason.S : null);

    private static long ParseLong(AttributeValue value) => long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
