using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition.Options;
using VoicePay.Kms;
using VoicePay.Payments;
using VoicePay.Skill;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Security;
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
        services.AddVoicePayOptions(configuration);
        services.AddVoicePaySkill();

        services.AddPaymentsApiClient();
        services.AddProgressiveResponses();
        DeferPaymentsClient(services);
        AddStore(services, VoicePayOptions.Section<StorageOptions>().Read(configuration));
        AddPinKey(services, VoicePayOptions.Section<PinKeyOptions>().Read(configuration, validate: false));
        AddAlertJob(services, configuration);
        return services;
    }

    /// <summary>
    /// The alert job's feed and notifier, only where the job runs (<c>VoicePay:AlertDelivery:Enabled</c>: the scheduled
    /// Lambda function, a host that delivers): their sections need secrets the skill's own turns never use, and are then
    /// checked at start like every other section.
    /// </summary>
    private static void AddAlertJob(IServiceCollection services, IConfiguration configuration)
    {
        if (VoicePayOptions.Section<AlertDeliveryOptions>().Read(configuration).Enabled)
        {
            services.AddVoicePayAlertJob(configuration);
        }
    }

    /// <summary>The alert job's sections (<see cref="VoicePayOptions.AlertJob"/>), the bank's event feed and the Alexa notifier.</summary>
    public static IServiceCollection AddVoicePayAlertJob(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVoicePayOptions(configuration, VoicePayOptions.AlertJob);

        // The feed is the payments API's: its base URL unless the bank gives the feed one of its own.
        services.PostConfigure<BankEventFeedOptions>(o => o.BaseUrl ??= VoicePayOptions.Section<PaymentsClientOptions>().Read(configuration, validate: false).BaseUrl);
        services.AddBankEventFeedClient();
        services.AddAlexaNotifications();
        services.AddSingleton<AlertDelivery>();
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

    /// <summary>
    /// The store is chosen while composing, so a build without SQLite never references it. A provider this build lacks
    /// registers nothing: <see cref="VoicePayOptions.ValidateVoicePayOptions"/> reports it, naming the key.
    /// </summary>
    private static void AddStore(IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == StorageProvider.DynamoDb)
        {
            services.AddDynamoDbUserStateStore(o =>
            {
                o.TableName = storage.TableName;
                o.ServiceUrl = storage.ServiceUrl?.AbsoluteUri;
            });
            return;
        }

        if (StorageProviders.SqliteIsSupported && !string.IsNullOrWhiteSpace(storage.SqlitePath))
        {
            AddSqlite(services, storage.SqlitePath);
        }
    }

    /// <summary>
    /// The key voice PINs are MACed with: KMS on Lambda, a local key elsewhere (docs/security.md). Chosen while composing,
    /// like the store; a bad section is reported by <see cref="VoicePayOptions.ValidateVoicePayOptions"/>, naming the key.
    /// </summary>
    private static void AddPinKey(IServiceCollection services, PinKeyOptions options)
    {
        if (options.Provider == PinKeyProvider.Kms)
        {
            services.AddKmsPinMac(options);
            return;
        }

        services.AddSingleton<IPinMac, LocalPinMac>();
    }

    private static void AddSqlite(IServiceCollection services, string path)
    {
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
