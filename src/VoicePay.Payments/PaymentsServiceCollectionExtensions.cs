using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePay.Payments.Resilience;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaymentsApiClient"/> as <see cref="IPaymentsApi"/>, configured in code (tests) and validated
    /// by the same rules as configuration. The composition root registers the options from <c>VoicePay:Payments</c>
    /// itself and calls <see cref="AddPaymentsApiClient(IServiceCollection)"/>.
    /// </summary>
    public static IServiceCollection AddPaymentsApiClient(this IServiceCollection services, Action<PaymentsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PaymentsClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsClientOptions>, PaymentsClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsClientOptions>, PaymentsClientRulesValidator>());
        return services.AddPaymentsApiClient();
    }

    /// <summary>
    /// Registers <see cref="PaymentsApiClient"/> as <see cref="IPaymentsApi"/>: a typed HttpClient named
    /// <see cref="PaymentsApiClient.HttpClientName"/> with a resilience pipeline (budget, retries, circuit breaker,
    /// per-attempt timeout), on <see cref="PaymentsClientOptions"/> registered by the caller. Further handlers added to
    /// that name run per attempt, beneath the pipeline.
    /// </summary>
    public static IServiceCollection AddPaymentsApiClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<AttemptRecordingHandler>();

        var client = services.AddHttpClient<IPaymentsApi, PaymentsApiClient>(PaymentsApiClient.HttpClientName, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<PaymentsClientOptions>>().Value;
            http.BaseAddress = options.BaseUrl is { } url && !url.AbsoluteUri.EndsWith('/') ? new Uri(url.AbsoluteUri + "/") : options.BaseUrl;

            // The resilience pipeline owns every deadline.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        // The skill's handlers are singletons and keep their client for the process's lifetime, so
        // the factory's handler rotation never happens; pooled connections expire instead, which
        // keeps DNS changes at the bank visible (the guidance for long-lived HttpClients).
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        client.RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler("voicepay-payments", (pipeline, context) =>
            PaymentsResiliencePipeline.Build(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<PaymentsClientOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        client.AddHttpMessageHandler<AttemptRecordingHandler>();
        return services;
    }

}
