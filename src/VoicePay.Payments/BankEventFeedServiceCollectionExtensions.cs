using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePay.Payments.Resilience;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments;

public static class BankEventFeedServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BankEventFeedClient"/> as <see cref="IBankEventFeed"/>: a typed HttpClient named
    /// <see cref="BankEventFeedClient.HttpClientName"/> with the payments client's resilience pipeline
    /// (its own budget), logged headers redacted so the service key never reaches a log.
    /// </summary>
    public static IServiceCollection AddBankEventFeed(this IServiceCollection services, Action<BankEventFeedOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BankEventFeedOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BankEventFeedOptions>, BankEventFeedOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<AttemptRecordingHandler>();

        var client = services.AddHttpClient<IBankEventFeed, BankEventFeedClient>(BankEventFeedClient.HttpClientName, (provider, http) =>
        {
            var url = provider.GetRequiredService<IOptions<BankEventFeedOptions>>().Value.BaseUrl;
            http.BaseAddress = url is not null && !url.AbsoluteUri.EndsWith('/') ? new Uri(url.AbsoluteUri + "/") : url;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        client.RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler("voicepay-bank-events", (pipeline, context) =>
            PaymentsResiliencePipeline.Build(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<BankEventFeedOptions>>().Value.Pipeline(),
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        client.AddHttpMessageHandler<AttemptRecordingHandler>();
        return services;
    }

    /// <summary>
    /// The same, from <c>VoicePay:BankEvents</c>: BaseUrl (default <c>VoicePay:Payments:BaseUrl</c>), ServiceKey,
    /// AttemptTimeout, TotalTimeout, MaxRetries. Read key by key when the options are first used, so a
    /// base URL or key a host derives after registration (local runs) is seen, and no reflection is needed.
    /// </summary>
    public static IServiceCollection AddBankEventFeed(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddBankEventFeed(options =>
        {
            var section = configuration.GetSection(BankEventFeedOptions.SectionName);
            var url = section["BaseUrl"] is { Length: > 0 } own ? own : configuration[PaymentsClientOptions.SectionName + ":BaseUrl"];
            if (url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            {
                options.BaseUrl = parsed;
            }

            options.ServiceKey = section["ServiceKey"] is { Length: > 0 } key ? key : options.ServiceKey;
            options.AttemptTimeout = ReadTimeSpan(section, "AttemptTimeout") ?? options.AttemptTimeout;
            options.TotalTimeout = ReadTimeSpan(section, "TotalTimeout") ?? options.TotalTimeout;
            if (section["MaxRetries"] is { Length: > 0 } retries)
            {
                options.MaxRetries = int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            }
        });
    }

    // An unreadable value becomes one the validator refuses, naming the key, rather than a parse exception.
    private static TimeSpan? ReadTimeSpan(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } value ? null
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : TimeSpan.Zero;
}
