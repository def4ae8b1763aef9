using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using VoicePay.Composition.Options;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The host exports over OTLP only when an endpoint is configured.</summary>
public sealed class HostTelemetryTests
{
    [Fact]
    public void Without_an_endpoint_no_OpenTelemetry_is_registered()
    {
        using var app = Build();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_the_VoicePay_endpoint_a_VoicePay_span_is_exported_over_OTLP_HTTP_to_the_collector()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = collector.Build();
        receiver.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path.Value!, body.ToArray()));
            return Results.Ok();
        });
        await receiver.StartAsync();
        var address = receiver.Urls.Single();

        using var app = Build(("VoicePay:Telemetry:OtlpEndpoint", address), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        var tracer = app.Services.GetRequiredService<TracerProvider>();
        Assert.Null(System.Diagnostics.Activity.Current);
        using (var span = VoicePayTelemetry.Source.StartActivity("host-telemetry-test-span"))
        {
            Assert.NotNull(span);
            Assert.True(span.Recorded, $"not recorded; listeners: {VoicePayTelemetry.Source.HasListeners()}");
        }

        Assert.True(tracer.ForceFlush(30_000));

        // On failure, say what the collector did get: this test failed once under heavy load, cause unknown.
        var exported = received.Where(r => r.Path == "/v1/traces" && Encoding.UTF8.GetString(r.Body).Contains("host-telemetry-test-span", StringComparison.Ordinal)).ToList();
        Assert.True(exported.Count == 1, $"{exported.Count} exports of the span; the collector got: {string.Join(", ", received.Select(r => $"{r.Path} ({r.Body.Length} bytes)"))}");
        var traces = exported[0];
        Assert.Contains(VoicePayTelemetry.Name, Encoding.UTF8.GetString(traces.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_that_is_not_an_http_URL_stops_the_host()
    {
        var error = Assert.Throws<VoicePayConfigurationException>(() => ((IDisposable)Build(("VoicePay:Telemetry:OtlpEndpoint", "collector:4317"))).Dispose());
        Assert.Contains("VoicePay:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "voicepay-host-telemetry");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VoicePay:SkillId"] = TestHost.SkillId,
            ["VoicePay:Alexa:VerifyRequests"] = "true",
            ["VoicePay:Sandbox:Enabled"] = "false",
            ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/",
            ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
            ["VoicePay:Pin:Pepper"] = Convert.ToBase64String(new byte[32]),
            ["VoicePay:PinKey:LocalKey"] = Convert.ToBase64String(new byte[32]),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddVoicePayHost();
        return builder.Build();
    }
}
