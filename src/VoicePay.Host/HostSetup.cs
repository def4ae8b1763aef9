using VoicePay.Alexa.Security;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Security;

namespace VoicePay.Host;

/// <summary>
/// The HTTPS web-service host: <c>POST /alexa</c> (verified), <c>GET /health</c>, and in local
/// runs the sandbox bank under <c>/sandbox</c> in the same process.
/// </summary>
public static class HostSetup
{
    public static WebApplicationBuilder AddVoicePayHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (HostOptions.From(configuration).Sandbox)
        {
            LocalRun.Prepare(builder);
        }

        var options = HostOptions.From(configuration);
        builder.Services.AddSingleton(options);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default));
        builder.Services.AddVoicePay(configuration);

        if (options.Sandbox)
        {
            builder.Services.AddSandboxBank(o => o.ConnectionString = $"Data Source={options.SandboxDatabase}");
            builder.Services.AddSingleton<Simulator.WebSimulator>();
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, Simulator.SimulatorJsonContext.Default));
        }

        var verification = new AlexaVerificationOptions
        {
            SkillId = configuration["VoicePay:SkillId"] ?? string.Empty,
        };
        builder.Services.AddSingleton(verification);

        // Resolved from the container, not captured, so a replaced AlexaVerificationOptions (tests, pinning) reaches the fetcher too.
        builder.Services.AddSingleton<ICertificateChainFetcher>(provider =>
            new HttpCertificateChainFetcher(new HttpClient(HttpCertificateChainFetcher.CreateHandler()), provider.GetRequiredService<AlexaVerificationOptions>()));
        builder.Services.AddSingleton<AlexaRequestVerifier>();
        return builder;
    }

    public static WebApplication MapVoicePayHost(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<HostOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VoicePay.Host");

        if (!options.VerifyRequests)
        {
            // Only a loopback-bound host may skip verification: anything reachable from outside would accept forged requests.
            app.Lifetime.ApplicationStarted.Register(() => LoopbackGuard.EnsureLoopbackOnly(app, logger));
        }

        app.MapPost("/alexa", AlexaEndpoint.HandleAsync);
        app.MapGet("/health", () => TypedResults.Text("ok"));

        if (options.Sandbox)
        {
            app.MapGroup("/sandbox").MapSandboxBank();
            app.MapPost("/sandbox/voice-pin", DevEndpoints.SetVoicePinAsync);
            Simulator.WebSimulator.Map(app);

            // Before the server listens, so no request can arrive ahead of the demo PIN.
            LocalDefaults.EnrollDemoPinAsync(app.Services.GetRequiredService<VoicePinVerifier>(), CancellationToken.None).GetAwaiter().GetResult();
            app.Lifetime.ApplicationStarted.Register(() => DevEndpoints.PrintBanner(app, logger));
            LocalRun.Announce(app);
        }

        if (options.VerifyRequests)
        {
            // Fail at start, not at Alexa's first request, when the skill ID is missing.
            _ = app.Services.GetRequiredService<AlexaRequestVerifier>();
        }

        return app;
    }
}
