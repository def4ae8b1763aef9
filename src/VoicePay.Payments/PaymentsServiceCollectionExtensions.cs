using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VoicePay.Payments.Resilience;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaymentsApiClient"/> as <see cref="IPaymentsApi"/>: a typed HttpClient named
    /// <see cref="PaymentsApiClient.HttpClientName"/> with a resilience pipeline (budget, retries, circuit breaker,
    /// per-attempt timeout). Further handlers added to that name run per attempt, beneath the pipeline.
    /// </summary>
    public static IServiceCollection AddPaymentsApiClient(this IServiceCollection services, Action<PaymentsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PaymentsClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true }, "VoicePay:Payments:BaseUrl must be an absolute URL.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout <= o.TotalTimeout, "AttemptTimeout must be positive and within TotalTimeout.")
            .Validate(o => o.MaxRetries >= 0 && o.CircuitBreakerMinimumThroughput >= 2, "MaxRetries must be >= 0 and CircuitBreakerMinimumThroughput >= 2.")
            .ValidateOnStart();
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

    /// <summary>
    /// The same, configured from <c>VoicePay:Payments</c>: BaseUrl, AttemptTimeout, TotalTimeout (TimeSpan,
    /// e.g. 00:00:06), MaxRetries, MaxRetryAfter, CircuitBreakerBreakDuration. Read key by key, so no reflection-based binding is needed.
    /// </summary>
    public static IServiceCollection AddPaymentsApiClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PaymentsClientOptions.SectionName);
        return services.AddPaymentsApiClient(options =>
        {
            if (section["BaseUrl"] is { Length: > 0 } url)
            {
                options.BaseUrl = new Uri(url, UriKind.Absolute);
            }

            options.AttemptTimeout = ReadTimeSpan(section, "AttemptTimeout") ?? options.AttemptTimeout;
            options.TotalTimeout = ReadTimeSpan(section, "TotalTimeout") ?? options.TotalTimeout;
            options.MaxRetryAfter = ReadTimeSpan(section, "MaxRetryAfter") ?? options.MaxRetryAfter;
            options.CircuitBreakerBreakDuration = ReadTimeSpan(section, "CircuitBreakerBreakDuration") ?? options.CircuitBreakerBreakDuration;
            if (section["MaxRetries"] is { Length: > 0 } retries)
            {
                options.MaxRetries = int.Parse(retries, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        });
    }

    private static TimeSpan? ReadTimeSpan(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : null;
}
