using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Composition;
using VoicePay.Lambda;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Function;

/// <summary>The Lambda function: configuration from the environment (and the PIN pepper from SSM), then the shared pipeline.</summary>
/// <param name="logs">Where application logs go: the runtime's writer, so they follow AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL.</param>
/// <param name="configuration">Settings to use instead of the environment and SSM (tests that run the function in-process).</param>
public sealed class SkillFunction(LambdaLogWriter logs, IConfiguration? configuration = null) : IAsyncDisposable
{
    private ServiceProvider? services;
    private SkillPipeline? pipeline;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var settings = configuration ?? await FromEnvironmentAsync(cancellationToken);
        // No ValidateOnBuild here: it walks every registration at each cold start (measured in
        // bench/README.md); FunctionCompositionTests validates the graph of CreateServices instead.
        services = CreateServices(settings, logs).BuildServiceProvider();
        pipeline = services.GetRequiredService<SkillPipeline>();
    }

    /// <summary>The function's services: Lambda logging and the shared composition root.</summary>
    public static IServiceCollection CreateServices(IConfiguration settings, LambdaLogWriter logs) =>
        new ServiceCollection()
            .AddLogging(b =>
            {
                b.AddLambdaLogger(logs);
                if (logs.MinimumLevel >= LambdaLogLevel.Information)
                {
                    // A line per HTTP call and retry attempt is debugging detail; the payments client logs outcomes itself.
                    b.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
                }
            })
            .AddVoicePay(settings);

    private static async Task<IConfiguration> FromEnvironmentAsync(CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var builder = new ConfigurationBuilder().AddConfiguration(environment);
        if (await PepperParameter.LoadAsync(environment, cancellationToken) is { } pepper)
        {
            builder.AddInMemoryCollection([new("VoicePay:Pin:Pepper", pepper)]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Uses the invocation's token, which fires shortly before Lambda's deadline, so a slow bank
    /// still leaves time to say so. A request for another skill is rejected as a function error.
    /// </summary>
    public Task<SkillResponse> HandleAsync(SkillRequest request, ILambdaContext context) =>
        (pipeline ?? throw new InvalidOperationException("The function was not initialized.")).HandleAsync(request, context.CancellationToken);

    public ValueTask DisposeAsync() => services?.DisposeAsync() ?? ValueTask.CompletedTask;
}
