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
public sealed class SkillFunction : IAsyncDisposable
{
    private ServiceProvider? services;
    private SkillPipeline? pipeline;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var builder = new ConfigurationBuilder().AddConfiguration(environment);
        if (await PepperParameter.LoadAsync(environment, cancellationToken) is { } pepper)
        {
            builder.AddInMemoryCollection([new("VoicePay:Pin:Pepper", pepper)]);
        }

        // No ValidateOnBuild here: it walks every registration at each cold start (measured in
        // bench/README.md); the graph is validated by a test on CreateServices instead.
        services = CreateServices(builder.Build()).BuildServiceProvider();
        pipeline = services.GetRequiredService<SkillPipeline>();
    }

    /// <summary>The function's services: logging and the shared composition root.</summary>
    public static IServiceCollection CreateServices(IConfiguration configuration) =>
        new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true))
            .AddVoicePay(configuration);

    /// <summary>
    /// Uses the invocation's token, which fires shortly before Lambda's deadline, so a slow bank
    /// still leaves time to say so. A request for another skill is rejected as a function error.
    /// </summary>
    public Task<SkillResponse> HandleAsync(SkillRequest request, ILambdaContext context) =>
        (pipeline ?? throw new InvalidOperationException("The function was not initialized.")).HandleAsync(request, context.CancellationToken);

    public ValueTask DisposeAsync() => services?.DisposeAsync() ?? ValueTask.CompletedTask;
}
