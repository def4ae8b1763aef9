using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VoicePay.Storage.DynamoDb;

namespace VoicePay.Composition.Options;

public enum StorageProvider
{
    Sqlite,
    DynamoDb,
}

/// <summary>Where user state lives (<c>VoicePay:Storage</c>); the composition root turns it into one store.</summary>
public sealed class StorageOptions
{
    /// <summary>A build without SQLite (the Lambda function) keeps state in DynamoDB unless told otherwise.</summary>
    public StorageProvider Provider { get; set; } = StorageProviders.SqliteIsSupported ? StorageProvider.Sqlite : StorageProvider.DynamoDb;

    /// <summary>The SQLite file; relative paths are relative to the working directory. Local runs put it in the data folder.</summary>
    public string SqlitePath { get; set; } = ".data/voicepay.db";

    [Required]
    [StringLength(255, MinimumLength = 3)]
    public string TableName { get; set; } = DynamoDbStoreOptions.DefaultTableName;

    /// <summary>A DynamoDB endpoint override (dynalite in tests); unset is AWS's own endpoint.</summary>
    public Uri? ServiceUrl { get; set; }
}

[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

/// <summary>The rules that depend on the provider, and on whether this build holds SQLite at all.</summary>
public sealed class StorageRulesValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StorageProvider.Sqlite && !StorageProviders.SqliteIsSupported)
        {
            return ValidateOptionsResult.Fail($"StorageOptions.Provider is '{StorageProviders.Sqlite}', but this build holds no SQLite store: set it to '{StorageProviders.DynamoDb}'.");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return ValidateOptionsResult.Fail("StorageOptions.SqlitePath must name a file when StorageOptions.Provider is Sqlite.");
        }

        if (options.ServiceUrl is { IsAbsoluteUri: false })
        {
            return ValidateOptionsResult.Fail("StorageOptions.ServiceUrl must be an absolute URL (e.g. http://127.0.0.1:4567).");
        }

        return ValidateOptionsResult.Success;
    }
}
