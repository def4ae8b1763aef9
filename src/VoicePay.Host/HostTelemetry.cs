using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VoicePay.Composition.Options;
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
    /// <summary>The exporter's own variable (not a VoicePay option: the OpenTelemetry SDK reads it too).</summary>
    public const string OtelEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OTLP endpoint the host exports to, or null for none; <paramref name="options"/> wins over the variable.</summary>
    public static Uri? Endpoint(TelemetryOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (options.OtlpEndpoint is { } configured)
        {
            return configured;
        }

        var variable = configuration[OtelEndpointVariable];
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        return Uri.TryCreate(variable, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new VoicePayConfigurationException($"{OtelEndpointVariable} must be an absolute http(s) URL.");
    }

    public static IServiceCollection AddOtlpWhenConfigured(IServiceCollection services, TelemetryOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Endpoint(options, configuration) is not { } endpoint)
        {
            return services;
        }

        // An explicit VoicePay key wins; otherwise the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and its per-signal paths) itself.
        var explicitEndpoint = options.OtlpEndpoint is not null;
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
