using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Payments;
using VoicePay.Skill;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Transfers;
using VoicePay.Storage.DynamoDb;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Composition;

/// <summary>
/// The composition root shared by every entry point (Lambda, HTTPS host, CLI): the skill, its
/// options and the adapters behind its ports, all chosen from configuration (docs/configuration.md).
/// </summary>
public static class VoicePayServiceCollectionExtensions
{
    public static IServiceCollection AddVoicePay(this IServiceCollection services, IConfiguration configuration)
    {
        var root = configuration.GetSection(ConfigurationKeys.Root);
        services.Configure<SkillOptions>(o => o.SkillId = root[ConfigurationKeys.SkillId] ?? string.Empty);
        services.Configure<PinOptions>(root.GetSection(ConfigurationKeys.Pin));
        services.Configure<TransferLimits>(root.GetSection(ConfigurationKeys.Limits));
        services.Configure<Skill.Alerts.AlertDeliveryOptions>(configuration.GetSection(Skill.Alerts.AlertDeliveryOptions.SectionName));
        services.AddVoicePaySkill();

        services.AddPaymentsApiClient(configuration);
        services.AddProgressiveResponses(configuration);
        DeferPaymentsClient(services);
        AddStore(services, root.GetSection(ConfigurationKeys.Storage));
        return services;
    }

    /// <summary>
    /// One shared <see cref="IPaymentsApi"/>, built on the skill's first bank call (see <see cref="DeferredPaymentsApi"/>).
    /// The typed client's registration stays the source, so handlers added to its named HttpClient still apply.
    /// Slow calls during a turn say "one moment" (<see cref="Skill.Progress.ProgressiveResponseBank"/>).
    /// </summary>
    private static void DeferPaymentsClient(IServiceCollection services)
    {
        var typed = services.LastOrDefault(d => d.ServiceType == typeof(IPaymentsApi));
        if (typed?.ImplementationFactory is not { } create)
        {
            return;
        }

        services.Remove(typed);
        services.AddSingleton<IPaymentsApi>(provider => new DeferredPaymentsApi(() => (IPaymentsApi)create(provider)).WithProgressiveResponses(provider));
    }

    private static void AddStore(IServiceCollection services, IConfigurationSection storage)
    {
        // A build without SQLite (the Lambda function) keeps state in DynamoDB unless told otherwise.
        var provider = storage["Provider"] ?? (StorageProviders.SqliteIsSupported ? StorageProviders.Sqlite : StorageProviders.DynamoDb);
        if (string.Equals(provider, StorageProviders.DynamoDb, StringComparison.OrdinalIgnoreCase))
        {
            services.AddDynamoDbUserStateStore(o =>
            {
                o.TableName = storage["TableName"] is { Length: > 0 } table ? table : o.TableName;
                o.ServiceUrl = storage["ServiceUrl"] is { Length: > 0 } url ? url : null;
            });
            return;
        }

        if (!string.Equals(provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"VoicePay:Storage:Provider must be '{StorageProviders.Sqlite}' or '{StorageProviders.DynamoDb}'.");
        }

        if (!StorageProviders.SqliteIsSupported)
        {
            throw new InvalidOperationException($"VoicePay:Storage:Provider is '{StorageProviders.Sqlite}', but this build holds no SQLite store: set it to '{StorageProviders.DynamoDb}'.");
        }

        AddSqlite(services, storage);
    }

    private static void AddSqlite(IServiceCollection services, IConfigurationSection storage)
    {
        var path = storage["SqlitePath"] is { Length: > 0 } p ? p : ".data/voicepay.db";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        services.AddSqliteUserStateStore($"Data Source={path}");
    }
}

public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string DynamoDb = "DynamoDb";

    /// <summary>The feature switch that compiles SQLite out of a build (the Lambda function sets it to false).</summary>
    public const string SqliteSwitch = "VoicePay.Storage.Sqlite.IsSupported";

    /// <summary>
    /// False in builds that set <see cref="SqliteSwitch"/> to false; the trimmer then removes the SQLite store,
    /// and everything only it uses, from the build.
    /// </summary>
    [FeatureSwitchDefinition(SqliteSwitch)]
    public static bool SqliteIsSupported => !AppContext.TryGetSwitch(SqliteSwitch, out var supported) || supported;
}
