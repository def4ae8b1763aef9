using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Host;

/// <summary>
/// OpenTelemetry for the host, only when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or
/// <c>VoicePay:Telemetry:OtlpEndpoint</c>): the <c>VoicePay</c> meter and source, plus the spans and metrics ASP.NET
/// Core and HttpClient emit themselves, exported over OTLP (the exporter's own <c>OTEL_*</c> variables apply).
/// Without an endpoint nothing is registered and nothing listens.
/// </summary>
public static class HostTelemetry
{
    public const string EndpointKey = "VoicePay:Telemetry:OtlpEndpoint";

    /// <summary>The OTLP endpoint the host exports to, or null for none.</summary>
    public static Uri? Endpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[EndpointKey] is { Length: > 0 } key ? key : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{EndpointKey} (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URL.");
    }

    public static IServiceCollection AddOtlpWhenConfigured(IServiceCollection services, IConfiguration configuration)
    {
        if (Endpoint(configuration) is not { } endpoint)
        {
            return services;
        }

        // An explicit VoicePay key wins; otherwise the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and its per-signal paths) itself.
        var explicitEndpoint = configuration[EndpointKey] is { Length: > 0 };
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(VoicePayTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(VoicePayTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http");
                tracing.AddOtlpExporter(o => Point(o, explicitEndpoint, endpoint, "v1/traces"));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(VoicePayTelemetry.Name, "Microsoft.AspNetCore.Hosting", "System.Net.Http");
                metrics.AddOtlpExporter(o => Point(o, explicitEndpoint, endpoint, "v1/metrics"));
            });
        return services;
    }

    /// <summary>An endpoint set in code is used as it is: over HTTP/protobuf each signal gets its path, as the environment variable would.</summary>
    private static void Point(OtlpExporterOptions options, bool explicitEndpoint, Uri endpoint, string signalPath)
    {
        if (explicitEndpoint)
        {
            options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
                : endpoint;
        }
    }
}
