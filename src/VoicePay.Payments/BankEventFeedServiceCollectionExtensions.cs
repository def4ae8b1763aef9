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
        return services.AddBankEventFeedClient();
    }

    /// <summary>
    /// The client alone, for a composition that registers <see cref="BankEventFeedOptions"/> itself (the composition
    /// root binds and validates <c>VoicePay:BankEvents</c> like every other section).
    /// </summary>
    public static IServiceCollection AddBankEventFeedClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
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
}
