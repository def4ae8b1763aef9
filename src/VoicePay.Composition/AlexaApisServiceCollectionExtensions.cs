using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Apis.Directives;
using VoicePay.Alexa.Apis.LoginWithAmazon;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Composition.Alerts;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Progress;

namespace VoicePay.Composition;

/// <summary>Amazon's REST APIs the skill calls: notifications (Proactive Events + Login with Amazon) and progressive responses.</summary>
public static class AlexaApisServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IAlertNotifier"/> on the Proactive Events API. Its options (<c>VoicePay:Alerts</c>, docs/alerts.md) are
    /// registered by <see cref="Options.VoicePayOptions.AlertJob"/>; ClientId and ClientSecret are required there.
    /// </summary>
    public static IServiceCollection AddAlexaNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        AddClient(services, LwaTokenClient.HttpClientName);
        AddClient(services, ProactiveEventsClient.HttpClientName);

        // Singletons: the token cache is shared by every notification of the process.
        services.TryAddSingleton(sp => new LwaTokenClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(LwaTokenClient.HttpClientName),
            sp.GetRequiredService<IOptions<ProactiveEventsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LwaTokenClient>>()));
        services.TryAddSingleton(sp => new ProactiveEventsClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ProactiveEventsClient.HttpClientName),
            sp.GetRequiredService<LwaTokenClient>(),
            sp.GetRequiredService<IOptions<ProactiveEventsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProactiveEventsClient>>()));
        services.TryAddSingleton<IAlertNotifier>(sp => new AlexaAlertNotifier(sp.GetRequiredService<ProactiveEventsClient>()));
        return services;
    }

    /// <summary>The directive client and <c>VoicePay:ProgressiveResponse</c>; <see cref="ProgressiveResponseBank"/> itself wraps the bank in AddVoicePay.</summary>
    internal static IServiceCollection AddProgressiveResponses(this IServiceCollection services)
    {
        AddClient(services, DirectiveServiceClient.HttpClientName);
        services.TryAddSingleton(sp => new DirectiveServiceClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(DirectiveServiceClient.HttpClientName)));
        return services;
    }

    /// <summary>Wraps <paramref name="bank"/> so slow calls during a turn say "one moment" (no-op when disabled).</summary>
    internal static Skill.Banking.IPaymentsApi WithProgressiveResponses(this Skill.Banking.IPaymentsApi bank, IServiceProvider provider) =>
        new ProgressiveResponseBank(
            bank,
            provider.GetRequiredService<DirectiveServiceClient>,
            provider.GetRequiredService<IOptions<ProgressiveResponseOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ProgressiveResponseBank>>());

    private static void AddClient(IServiceCollection services, string name)
    {
        var client = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan);

        // Held by singletons for the process's life: pooled connections expire instead (DNS changes stay visible).
        client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

        // Bearer tokens and the form's secret must never reach the factory's trace logs.
        client.RedactLoggedHeaders(_ => true);
    }
}
