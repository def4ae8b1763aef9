using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Sqlite;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteUserStateStore"/> as the singleton <see cref="IUserStateStore"/>, <see cref="ITransferJournal"/>,
    /// <see cref="IAlertStore"/>, <see cref="IPersonalData"/> and <see cref="IHandledRequests"/> (one instance on one file).
    /// It uses a registered <see cref="TimeProvider"/> when there is one, the system clock otherwise.
    /// </summary>
    public static IServiceCollection AddSqliteUserStateStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddSqliteUserStateStore(options => options.ConnectionString = connectionString);
    }

    public static IServiceCollection AddSqliteUserStateStore(this IServiceCollection services, Action<SqliteUserStateStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteUserStateStoreOptions();
        configure(options);
        services.AddSingleton(provider => new SqliteUserStateStore(options, provider.GetService<TimeProvider>(), provider.GetService<ILogger<SqliteUserStateStore>>()));
        services.AddSingleton<IUserStateStore>(provider => provider.GetRequiredService<SqliteUserStateStore>());
        services.AddSingleton<ITransferJournal>(provider => provider.GetRequiredService<SqliteUserStateStore>());
        services.AddSingleton<IAlertStore>(provider => provider.GetRequiredService<SqliteUserStateStore>());
        services.AddSingleton<IPersonalData>(provider => provider.GetRequiredService<SqliteUserStateStore>());
        services.AddSingleton<IHandledRequests>(provider => provider.GetRequiredService<SqliteUserStateStore>());
        return services;
    }
}
