using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Function;
using VoicePay.Lambda;

// The Lambda custom runtime's entry point (Native AOT "bootstrap"): everything slow happens once,
// in the initializer, so a failure there reaches Lambda's /runtime/init/error.
await using var function = new SkillFunction();
using var bootstrap = LambdaBootstrapBuilder
    .Create<SkillRequest, SkillResponse>(function.HandleAsync, new SourceGeneratorLambdaJsonSerializer<AlexaJsonContext>(AlexaJsonContext.Default))
    .UseInitializer(function.InitializeAsync)
    .Build();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await bootstrap.RunAsync(stop.Token);
