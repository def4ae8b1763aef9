using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Function;
using VoicePay.Payments;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The function no longer validates its service graph at every cold start (bench/README.md), so these
/// test does it once, with the function's store (DynamoDB; its build holds no SQLite store).
/// </summary>
public sealed class FunctionCompositionTests
{
    [Theory]
    [InlineData("DynamoDb")]
    public async Task The_functions_service_graph_is_complete(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "voicepay-graph-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:SkillId"] = "amzn1.ask.skill.test",
                ["VoicePay:Storage:Provider"] = provider,
                ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "state.db"),
                ["VoicePay:Storage:ServiceUrl"] = "http://127.0.0.1:9",
                ["VoicePay:Pin:Pepper"] = "bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==",
                ["VoicePay:PinKey:Provider"] = "Kms",
                ["VoicePay:PinKey:KmsKeyId"] = "alias/voicepay-pin",
                ["VoicePay:Payments:BaseUrl"] = "http://127.0.0.1:9/bank/",
            }).Build();

            var logs = new LambdaLogWriter(TextWriter.Null, LambdaLogFormat.Json, LambdaLogLevel.Information);
            await using var services = SkillFunction.CreateServices(configuration, logs)
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

            Assert.NotNull(services.GetRequiredService<SkillPipeline>());
            Assert.NotNull(services.GetRequiredService<IHttpClientFactory>().CreateClient(PaymentsApiClient.HttpClientName));
            Assert.Same(services.GetRequiredService<IPaymentsApi>(), services.GetRequiredService<IPaymentsApi>());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
