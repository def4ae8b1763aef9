using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Composition;
using VoicePay.Composition.Options;
using VoicePay.Lambda;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Function;

/// <summary>The Lambda function: configuration from the environment (and the alert job's secrets from SSM), then the shared pipeline.</summary>
/// <param name="logs">Where application logs go: the runtime's writer, so they follow AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL.</param>
/// <param name="configuration">Settings to use instead of the environment and SSM (tests that run the function in-process).</param>
public sealed class SkillFunction(LambdaLogWriter logs, IConfiguration? configuration = null) : IAsyncDisposable
{
    private ServiceProvider? services;
    private SkillPipeline? pipeline;
    private EmbeddedMetrics? metrics;

    /// <summary>The composed services, once initialized (the alert job's handler resolves its job here).</summary>
    public IServiceProvider Services => services ?? throw new InvalidOperationException("The function was not initialized.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = configuration ?? await FromEnvironmentAsync(cancellationToken);
        // No ValidateOnBuild here: it walks every registration at each cold start (measured in
        // bench/README.md); FunctionCompositionTests validates the graph of CreateServices instead.
        services = CreateServices(settings, logs).BuildServiceProvider();

        // A bad value fails the init, naming its key, through /runtime/init/error (docs/configuration.md).
        services.ValidateVoicePayOptions();
        pipeline = services.GetRequiredService<SkillPipeline>();
    }

    /// <summary>The function's services: Lambda logging, the shared composition root, and the PIN pepper from SSM when named.</summary>
    public static IServiceCollection CreateServices(IConfiguration settings, LambdaLogWriter logs)
    {
        var services = AddLogging(new ServiceCollection(), logs).AddVoicePay(settings);
        if (VoicePayOptions.Section<PinOptions>().Read(settings, validate: false).PepperParameterName is { Length: > 0 } pepperParameter)
        {
            services.Replace(ServiceDescriptor.Singleton<IPinPepper>(_ => new SsmPinPepper(pepperParameter)));
        }

        return services;
    }

    private static IServiceCollection AddLogging(IServiceCollection services, LambdaLogWriter logs) =>
        services
            .AddLogging(b =>
            {
                b.AddLambdaLogger(logs);
                if (logs.MinimumLevel >= LambdaLogLevel.Information)
                {
                    // A line per HTTP call and retry attempt is debugging detail; the payments client logs outcomes itself.
                    b.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
                }
            })
            // The logger factory's options, compiled ahead of time like the skill's (see ClosedOptions).
            .AddClosedOptions<LoggerFilterOptions>()
            .AddClosedOptions<LoggerFactoryOptions>();

    private static async Task<IConfiguration> FromEnvironmentAsync(CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var builder = new ConfigurationBuilder().AddConfiguration(environment);
        builder.AddInMemoryCollection(await SecretParameters.LoadAsync(environment, cancellationToken));

        return builder.Build();
    }

    /// <summary>
    /// The response's JSON as the pipeline gives it (a replayed request id gets the first answer, byte for byte).
    /// Uses the invocation's token, which fires shortly before Lambda's deadline, so a slow bank
    /// still leaves time to say so. A request for another skill is rejected as a function error.
    /// </summary>
    /// <remarks>
    /// The invocation's metrics are written as Embedded Metric Format lines when it ends (the listener starts with
    /// the first invocation, off the init path). When something listens to the <c>VoicePay</c> ActivitySource, the
    /// invocation runs in a span whose parent is the X-Ray trace header (<c>_X_AMZN_TRACE_ID</c>), so the turn's
    /// span and the <c>traceparent</c> sent to the bank carry the X-Ray trace id.
    /// </remarks>
    public async Task<byte[]> HandleAsync(SkillRequest request, ILambdaContext context)
    {
        var after = new AfterResponse();
        var response = await HandleAsync(request, context, after);
        await after.RunAsync();
        return response;
    }

    /// <summary>As <see cref="HandleAsync(SkillRequest, ILambdaContext)"/>, leaving the turn's after-work to <paramref name="afterResponse"/> (run by <see cref="FunctionBootstrap"/> once the response is posted).</summary>
    public async Task<byte[]> HandleAsync(SkillRequest request, ILambdaContext context, AfterResponse afterResponse)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ready = pipeline ?? throw new InvalidOperationException("The function was not initialized.");
        metrics ??= new EmbeddedMetrics(logs);
        var traceHeader = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") is { Length: > 0 } header ? header : context.TraceId;
        using var activity = VoicePayTelemetry.Source.HasListeners() ? StartInvocation(traceHeader, context.AwsRequestId) : null;
        try
        {
            return await ready.RespondAsync(request, afterResponse, context.CancellationToken);
        }
        finally
        {
            metrics.Flush();
        }
    }

    private static Activity? StartInvocation(string? traceHeader, string requestId)
    {
        var parent = XRayTraceHeader.TryParse(traceHeader, out var xray) ? xray : default;
        var activity = VoicePayTelemetry.Source.StartActivity("invocation", ActivityKind.Server, parent);
        if (activity is not null)
        {
            activity.SetTag("faas.invocation_id", requestId);
            if (!string.IsNullOrEmpty(traceHeader))
            {
                activity.SetTag("aws.xray.trace_header", XRayTraceHeader.Root(traceHeader));
            }
        }

        return activity;
    }

    public ValueTask DisposeAsync()
    {
        metrics?.Dispose();
        return services?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
