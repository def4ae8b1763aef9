using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoicePay.Host.Health;

/// <summary>
/// <c>GET /health/live</c>: the process serves requests (no dependency is checked, so a bank outage never gets the
/// host restarted). <c>GET /health/ready</c>: the store, the bank and, with verification on, Alexa's certificate
/// chain; 503 when any is unhealthy. Both answer JSON: the overall status and each check's status and description
/// (never an exception message).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddVoicePayHealthChecks(this IServiceCollection services, bool verifyRequests)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(BankHealthCheck.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(3))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(2) });
        var checks = services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<BankHealthCheck>("bank", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(4));
        if (verifyRequests)
        {
            services.AddSingleton<CertificateChainHealthCheck>();
            checks.AddCheck<CertificateChainHealthCheck>("alexa-certificate", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(6));
        }

        return services;
    }

    public static WebApplication MapVoicePayHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
