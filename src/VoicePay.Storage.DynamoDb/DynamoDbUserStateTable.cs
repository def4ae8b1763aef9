using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// The single table's shape, shared by the store, the local setup and the tests; the SAM template declares
/// the same: partition key <c>pk</c> (S), sort key <c>sk</c> (S), TTL on <c>expiresAt</c> (epoch seconds).
/// </summary>
public static class DynamoDbUserStateTable
{
    public const string PartitionKey = "pk";

    public const string SortKey = "sk";

    public const string TimeToLiveAttribute = "expiresAt";

    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Creates the table (on-demand billing) unless it exists, waits until it is active and enables TTL.
    /// For local and test setups: in AWS the SAM template owns the table.
    /// </summary>
    public static async Task CreateTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        try
        {
            await client.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions =
                    [
                        new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
                        new AttributeDefinition(SortKey, ScalarAttributeType.S),
                    ],
                    KeySchema =
                    [
                        new KeySchemaElement(PartitionKey, KeyType.HASH),
                        new KeySchemaElement(SortKey, KeyType.RANGE),
                    ],
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there (or being created): waiting for it below is all that is left to do.
        }

        while ((await client.DescribeTableAsync(tableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(ActivePollInterval, cancellationToken);
        }

        await EnableTimeToLiveAsync(client, tableName, cancellationToken);
    }

    private static async Task EnableTimeToLiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = tableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLiveAttribute, Enabled = true },
                },
                cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode is "UnknownOperationException" or "ValidationException")
        {
            // dynalite has no TTL, and AWS refuses to enable it twice; reads check expiresAt themselves anyway.
        }
    }
}
