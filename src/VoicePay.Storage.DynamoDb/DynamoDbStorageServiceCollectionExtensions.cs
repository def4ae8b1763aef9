using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;

namespace VoicePay.Storage.DynamoDb;

public static class DynamoDbStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DynamoDbUserStateStore"/> as the singleton <see cref="IUserStateStore"/> and
    /// <see cref="ITransferJournal"/>, <see cref="IAlertStore"/>, <see cref="IPersonalData"/> and <see cref="IHandledRequests"/> (one instance, one table), with its own
    /// DynamoDB client. It uses a registered <see cref="TimeProvider"/> when there is one, the system clock otherwise.
    /// </summary>
    public static IServiceCollection AddDynamoDbUserStateStore(this IServiceCollection services, Action<DynamoDbStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DynamoDbStoreOptions();
        configure(options);
        ArgumentException.ThrowIfNullOrEmpty(options.TableName, nameof(options.TableName));
        services.AddSingleton(provider =>
            new DynamoDbUserStateStore(CreateClient(options), options, provider.GetService<TimeProvider>()));
        services.AddSingleton<IUserStateStore>(provider => provider.GetRequiredService<DynamoDbUserStateStore>());
        services.AddSingleton<ITransferJournal>(provider => provider.GetRequiredService<DynamoDbUserStateStore>());
        services.AddSingleton<IAlertStore>(provider => provider.GetRequiredService<DynamoDbUserStateStore>());
        services.AddSingleton<IPersonalData>(provider => provider.GetRequiredService<DynamoDbUserStateStore>());
        services.AddSingleton<IHandledRequests>(provider => provider.GetRequiredService<DynamoDbUserStateStore>());
        return services;
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDbStoreOptions options)
    {
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            return new AmazonDynamoDBClient();
        }

        // Local emulators accept any signature; real credentials must not be sent to them.
        return new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = options.ServiceUrl, AuthenticationRegion = "us-east-1" });
    }
}
