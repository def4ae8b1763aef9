using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// "Forget me" and the sweep (<see cref="IPersonalData"/>, docs/privacy.md). Everything a person has lives in their
/// partition, so forgetting is one consistent query of it and a delete per item, except transfers whose outcome is
/// unknown: the bank may still have moved the money. They stay, and a tombstone <c>pk = FORGOTTEN,
/// sk = USER#{userId}</c> (the date and a TTL only) lets <see cref="SweepAsync"/> find them without scanning and
/// delete them once they settle. Everything else that expires does so by TTL (<c>expiresAt</c>).
/// </summary>
public sealed partial class DynamoDbUserStateStore : IPersonalData
{
    private const string TombstonePartition = "FORGOTTEN";

    public async Task ForgetAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A pre-journal record of an unknown transfer is a conversation item; deleting it with the conversations
        // would lose the transfer. Moved into the journal first, it is kept like any other unknown one.
        await new LegacyUnresolvedTransfer(this, this, _time).ImportAsync(userId, cancellationToken);

        var kept = 0;
        foreach (var item in await QueryPersonAsync(userId, null, cancellationToken))
        {
            if (IsUnresolvedTransfer(item))
            {
                kept++;
                continue;
            }

            // A request still running (this forgetting one among them) keeps its claim; its answer expires with the window.
            if (!IsRunningRequest(item))
            {
                await DeleteAsync(item, cancellationToken);
            }
        }

        if (kept > 0)
        {
            var tombstone = TombstoneKey(userId);
            tombstone["forgottenAt"] = Number(now.ToUnixTimeMilliseconds());
            tombstone[DynamoDbUserStateTable.TimeToLiveAttribute] = Number((now + Retention.Tombstones).ToUnixTimeSeconds());
            await _client.PutItemAsync(new PutItemRequest { TableName = _tableName, Item = tombstone }, cancellationToken);
        }
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var tombstones = await QueryAsync(TombstonePartition, null, cancellationToken);
        foreach (var tombstone in tombstones)
        {
            var userId = tombstone[DynamoDbUserStateTable.SortKey].S["USER#".Length..];
            var unresolved = 0;
            foreach (var transfer in await QueryPersonAsync(userId, JournalPrefix, cancellationToken))
            {
                if (IsUnresolvedTransfer(transfer))
                {
                    unresolved++;
                }
                else
                {
                    await DeleteAsync(transfer, cancellationToken);
                    deleted++;
                }
            }

            // Done once nothing of theirs is left; a tombstone past its TTL goes too (TTL deletes late).
            if (unresolved == 0 || IsExpired(tombstone, now))
            {
                await DeleteAsync(tombstone, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static bool IsUnresolvedTransfer(Dictionary<string, AttributeValue> item) =>
        item[DynamoDbUserStateTable.SortKey].S.StartsWith(JournalPrefix, StringComparison.Ordinal)
        && item.TryGetValue("state", out var state)
        && state.S is nameof(JournalState.Pending) or nameof(JournalState.Unknown);

    private static Dictionary<string, AttributeValue> TombstoneKey(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new Dictionary<string, AttributeValue>
        {
            [DynamoDbUserStateTable.PartitionKey] = new() { S = TombstonePartition },
            [DynamoDbUserStateTable.SortKey] = new() { S = "USER#" + userId },
        };
    }

    private Task<List<Dictionary<string, AttributeValue>>> QueryPersonAsync(string userId, string? prefix, CancellationToken cancellationToken) =>
        QueryAsync(Key(userId, "-")[DynamoDbUserStateTable.PartitionKey].S, prefix, cancellationToken);

    /// <summary>Every item of one partition (consistent, following pages), optionally only sort keys starting with <paramref name="prefix"/>.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string partition, string? prefix, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = partition } };
        if (prefix is not null)
        {
            values[":prefix"] = new AttributeValue { S = prefix };
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _tableName,
                    ConsistentRead = true,
                    KeyConditionExpression = prefix is null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
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

    private async Task DeleteAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        await _client.DeleteItemAsync(
            new DeleteItemRequest
            {
                TableName = _tableName,
                Key = new Dictionary<string, AttributeValue>
                {
                    [DynamoDbUserStateTable.PartitionKey] = item[DynamoDbUserStateTable.PartitionKey],
                    [DynamoDbUserStateTable.SortKey] = item[DynamoDbUserStateTable.SortKey],
                },
            },
            cancellationToken);
}
