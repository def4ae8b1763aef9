using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace VoicePay.Storage.DynamoDb;

/// <summary>
/// The single table's shape, shared by the store, the local setup and the tests; the SAM template declares
/// the same: partition key <c>pk</c> (S), sort key <c>sk</c> (S), TTL on <c>expiresAt</c> (epoch seconds), and
/// one sparse global secondary index <c>gsi1</c> on <c>gsi1pk</c> (S) / <c>gsi1sk</c> (S), projecting all
/// attributes: the subscribers of a bank customer and the alerts by delivery state (docs/dynamodb.md).
/// </summary>
public static class DynamoDbUserStateTable
{
    public const string PartitionKey = "pk";

    public const string SortKey = "sk";

    public const string TimeToLiveAttribute = "expiresAt";

    public const string IndexName = "gsi1";

    public const string IndexPartitionKey = "gsi1pk";

    public const string IndexSortKey = "gsi1sk";

    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(100);

    // Local and test setups only (in AWS the template owns the table); a new index on a small table is quick.
    private static readonly TimeSpan IndexCreationTimeout = TimeSpan.FromMinutes(2);

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
                        new AttributeDefinition(IndexPartitionKey, ScalarAttributeType.S),
                        new AttributeDefinition(IndexSortKey, ScalarAttributeType.S),
                    ],
                    KeySchema =
                    [
                        new KeySchemaElement(PartitionKey, KeyType.HASH),
                        new KeySchemaElement(SortKey, KeyType.RANGE),
                    ],
                    GlobalSecondaryIndexes = [Index()],
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

        await EnsureIndexAsync(client, tableName, cancellationToken);
        await EnableTimeToLiveAsync(client, tableName, cancellationToken);
    }

    private static GlobalSecondaryIndex Index() => new()
    {
        IndexName = IndexName,
        KeySchema = [new KeySchemaElement(IndexPartitionKey, KeyType.HASH), new KeySchemaElement(IndexSortKey, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };

    /// <summary>A table made before the alerts (a local emulator's file) gains the index, and is waited for until it serves.</summary>
    private static async Task EnsureIndexAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var table = (await client.DescribeTableAsync(tableName, cancellationToken)).Table;
        if (table.GlobalSecondaryIndexes?.Any(i => i.IndexName == IndexName) != true)
        {
            await client.UpdateTableAsync(
                new UpdateTableRequest
                {
                    TableName = tableName,
                    AttributeDefinitions =
                    [
                        new AttributeDefinition(IndexPartitionKey, ScalarAttributeType.S),
                        new AttributeDefinition(IndexSortKey, ScalarAttributeType.S),
                    ],
                    GlobalSecondaryIndexUpdates =
                    [
                        new GlobalSecondaryIndexUpdate
                        {
                            Create = new CreateGlobalSecondaryIndexAction
                            {
                                IndexName = IndexName,
                                KeySchema = Index().KeySchema,
                                Projection = Index().Projection,
                            },
                        },
                    ],
                },
                cancellationToken);
        }

        // Bounded: some emulators (dynalite) accept the update but never add the index.
        var deadline = DateTime.UtcNow + IndexCreationTimeout;
        while ((await client.DescribeTableAsync(tableName, cancellationToken)).Table is var described
            && (described.TableStatus != TableStatus.ACTIVE
                || described.GlobalSecondaryIndexes?.FirstOrDefault(i => i.IndexName == IndexName)?.IndexStatus != IndexStatus.ACTIVE))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The table {tableName} has no active index {IndexName} and it could not be added; recreate the table (docs/dynamodb.md).");
            }

            await Task.Delay(ActivePollInterval, cancellationToken);
        }
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
