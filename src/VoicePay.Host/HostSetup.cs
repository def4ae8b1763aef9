using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Security;
using VoicePay.Composition;
using VoicePay.Composition.Options;
using VoicePay.Host.Health;
using VoicePay.Sandbox;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Host;

/// <summary>
/// The HTTPS web-service host: <c>POST /alexa</c> (verified), <c>GET /health</c> (live, as text),
/// <c>GET /health/live</c> and <c>GET /health/ready</c> (health checks, JSON), and in local
/// runs the sandbox bank under <c>/sandbox</c> in the same process.
/// </summary>
public static class HostSetup
{
    public static WebApplicationBuilder AddVoicePayHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (HostOptions.Read<SandboxOptions>(configuration).Enabled)
        {
            if (!LocalRuns.IsSupported)
            {
                throw LocalRuns.NotInThisBuild();
            }

            LocalRun.Prepare(builder);
        }

        // Read now for what to register; the same sections are registered below and checked again at start.
        var alexa = HostOptions.Read<AlexaOptions>(configuration);
        var sandbox = HostOptions.Read<SandboxOptions>(configuration);
        builder.Services.AddVoicePayOptions(configuration, HostOptions.All);
        UseJsonLogsOutsideDevelopment(builder);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default));
        builder.Services.AddVoicePay(configuration);

        if (sandbox.Enabled && LocalRuns.IsSupported)
        {
            builder.Services.AddSandboxBank(o => o.ConnectionString = $"Data Source={sandbox.SqlitePath}");
            if (ServesLocalTools(alexa.VerifyRequests))
            {
                builder.Services.AddSingleton<Sandbox.Amazon.LocalAlexaNotifications>();
                builder.Services.AddSingleton<Simulator.WebSimulator>();
                builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Simulator.SimulatorJsonContext.Default));
            }
        }

        builder.Services.AddSingleton(provider => new AlexaVerificationOptions { SkillId = provider.GetRequiredService<IOptions<SkillOptions>>().Value.SkillId });

        // Resolved from the container, not captured, so a replaced AlexaVerificationOptions (tests, pinning) reaches the fetcher too.
        builder.Services.AddSingleton<ICertificateChainFetcher>(provider =>
            new HttpCertificateChainFetcher(new HttpClient(HttpCertificateChainFetcher.CreateHandler()), provider.GetRequiredService<AlexaVerificationOptions>()));
        builder.Services.AddSingleton<AlexaRequestVerifier>();
        builder.Services.AddVoicePayHealthChecks(alexa.VerifyRequests);
        builder.Services.AddHostedService<AlertDeliveryService>();
        HostTelemetry.AddOtlpWhenConfigured(builder.Services, HostOptions.Read<TelemetryOptions>(configuration), configuration);
        return builder;
    }

    /// <summary>
    /// Outside Development the console logger writes one JSON object per line (timestamp, level, category, message,
    /// state and scopes), for CloudWatch, Container Insights or any log shipper. An explicit
    /// <c>Logging:Console:FormatterName</c> wins everywhere (the slim builder would otherwise force "simple");
    /// a host without the console logger is left alone.
    /// </summary>
    private static void UseJsonLogsOutsideDevelopment(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } name ? name : null;
        if (configured is null && builder.Environment.IsDevelopment())
        {
            return;
        }

        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = configured ?? ConsoleFormatterNames.Json);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }

    /// <summary>
    /// Whether a local run serves the local tools (the simulator, the PIN endpoint, the stand-in for Amazon's APIs, the
    /// sandbox's event raising). A host that verifies requests serves none of them: it is the one that may sit behind a
    /// tunnel (the Alexa simulator against this machine), where every connection looks like loopback, so the loopback
    /// guard cannot tell a stranger from the developer.
    /// </summary>
    public static bool ServesLocalTools(bool verifyRequests) => !verifyRequests;

    public static WebApplication MapVoicePayHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Every section, the skill's and the host's, before anything listens: a bad value names its key and the host does not start.
        app.Services.ValidateVoicePayOptions();
        var verifyRequests = app.Services.GetRequiredService<IOptions<AlexaOptions>>().Value.VerifyRequests;
        var sandbox = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VoicePay.Host");

        if (!verifyRequests || sandbox)
        {
            // Only a loopback-bound host may skip verification (anything reachable from outside would accept forged
            // requests) or serve the sandbox bank (demo tokens, PIN enrolment). Requests wait until the addresses pass.
            LoopbackGuard.UseGate(app);
        }

        app.MapPost("/alexa", AlexaEndpoint.HandleAsync);
        app.MapGet("/health", () => TypedResults.Text("ok"));
        app.MapVoicePayHealthChecks();

        if (sandbox && LocalRuns.IsSupported)
        {
            // The bank the skill talks to (bearer tokens, service key) is served either way; its unauthenticated
            // event raising is a local tool.
            var localTools = ServesLocalTools(verifyRequests);
            app.MapGroup("/sandbox").MapSandboxBank(developerTools: localTools);
            if (localTools)
            {
                // Each of these acts without a credential: the PIN endpoint sets anyone's PIN and clears a lockout, the
                // simulator runs the skill without a signature and clears the demo lock, the Amazon stand-in shows the
                // notifications sent. Only where verification is off, which the guard allows on loopback alone.
                Sandbox.Amazon.LocalAlexaNotifications.Map(app.MapGroup("/sandbox/amazon"));
                app.MapPost("/sandbox/voice-pin", DevEndpoints.SetVoicePinAsync);
                Simulator.WebSimulator.Map(app);
            }

            // Before the server listens, so no request can arrive ahead of the demo PIN.
            LocalDefaults.EnrollDemoPinAsync(app.Services.GetRequiredService<VoicePinVerifier>(), CancellationToken.None).GetAwaiter().GetResult();
            LocalDefaults.LinkDemoPersonAsync(app.Services.GetRequiredService<Skill.Alerts.IAlertStore>(), TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
            app.Lifetime.ApplicationStarted.Register(() => DevEndpoints.PrintBanner(app, logger));
            LocalRun.Announce(app);
        }

        if (verifyRequests)
        {
            // Fail at start, not at Alexa's first request, when the skill ID is missing.
            _ = app.Services.GetRequiredService<AlexaRequestVerifier>();
        }

        return app;
    }
}
