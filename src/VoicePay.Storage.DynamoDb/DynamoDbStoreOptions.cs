namespace VoicePay.Storage.DynamoDb;

/// <summary>Which table <see cref="DynamoDbUserStateStore"/> uses and, for local runs, where DynamoDB is.</summary>
public sealed class DynamoDbStoreOptions
{
    public const string DefaultTableName = "VoicePayUserState";

    /// <summary>The single table holding all user state (see docs/dynamodb.md for its key schema).</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// An endpoint override for a local emulator such as dynalite ("http://127.0.0.1:4567"). When set, the
    /// client signs with dummy credentials; when null, the AWS default credentials and region apply.
    /// </summary>
    public string? ServiceUrl { get; set; }
}
