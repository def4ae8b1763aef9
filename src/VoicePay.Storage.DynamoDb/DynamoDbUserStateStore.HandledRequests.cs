using System.Globalization;
using Amazon.DynamoDBv2.Model;
using VoicePay.Skill.State;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// The answers kept per (user, request id) (<see cref="IHandledRequests"/>): <c>pk = USER#{userId}</c>,
/// <c>sk = REQ#{requestId}</c>, <c>claimedAt</c> N (ms), <c>response</c> B once answered, <c>expiresAt</c> N (TTL, epoch
/// seconds rounded up, so TTL never deletes one early). A claim is one conditional put that only replaces an expired item.
/// </summary>
public sealed partial class DynamoDbUserStateStore : IHandledRequests
{
    private const string RequestPrefix = "REQ#";

    public async Task<HandledRequest?> TryClaimRequestAsync(string userId, string requestId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var item = Key(userId, RequestSortKey(requestId));
        item["claimedAt"] = Number(now.ToUnixTimeMilliseconds());
        item[DynamoDbUserStateTable.TimeToLiveAttribute] = Number(Seconds(expiresAt));
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _tableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(pk) OR #expires <= :now",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#expires"] = DynamoDbUserStateTable.TimeToLiveAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = Number(now.ToUnixTimeSeconds()) },
                },
                cancellationToken);
            return null;
        }
        catch (ConditionalCheckFailedException)
        {
            // A live item: someone claimed it first. Should it have expired since, it still counts as running (safe).
            return await FindRequestAsync(userId, requestId, now, cancellationToken) ?? new HandledRequest(now, null);
        }
    }

    public async Task<HandledRequest?> FindRequestAsync(string userId, string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await GetAsync(userId, RequestSortKey(requestId), cancellationToken);
        // TTL deletes late, so the read enforces the expiry itself.
        if (item is null || long.Parse(item[DynamoDbUserStateTable.TimeToLiveAttribute].N, CultureInfo.InvariantCulture) <= now.ToUnixTimeSeconds())
        {
            return null;
        }

        return new HandledRequest(
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["claimedAt"].N, CultureInfo.InvariantCulture)),
            item.TryGetValue("response", out var response) ? response.B.ToArray() : null);
    }

    public async Task SaveResponseAsync(string userId, string requestId, byte[] response, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        await _client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _tableName,
                Key = Key(userId, RequestSortKey(requestId)),
                UpdateExpression = "SET #response = :response, #expires = :expires, claimedAt = if_not_exists(claimedAt, :now)",
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#response"] = "response",
                    ["#expires"] = DynamoDbUserStateTable.TimeToLiveAttribute,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":response"] = new() { B = new MemoryStream(response) },
                    [":expires"] = Number(Seconds(expiresAt)),
                    [":now"] = Number(_time.GetUtcNow().ToUnixTimeMilliseconds()),
                },
            },
            cancellationToken);
    }

    /// <summary>A claim whose request is still running (no answer yet): "forget me" leaves it to expire (docs/privacy.md).</summary>
    private static bool IsRunningRequest(Dictionary<string, AttributeValue> item) =>
        item[DynamoDbUserStateTable.SortKey].S.StartsWith(RequestPrefix, StringComparison.Ordinal) && !item.ContainsKey("response");

    private static string RequestSortKey(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return RequestPrefix + requestId;
    }

    /// <summary>Epoch seconds, rounded up: an expiry is never earlier than asked.</summary>
    private static long Seconds(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        return (ms / 1000) + (ms % 1000 > 0 ? 1 : 0);
    }
}
