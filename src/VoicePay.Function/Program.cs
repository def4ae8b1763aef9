using VoicePay.Function;
using VoicePay.Lambda;

// The Lambda custom runtime's entry point (Native AOT "bootstrap"): everything slow happens once,
// in the initializer, so a failure there reaches Lambda's /runtime/init/error.
// One log writer for the runtime's lines and the application's: AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL apply to both.
var logs = LambdaLogWriter.FromEnvironment(LambdaEnvironment.FromProcess());
await using var function = new SkillFunction(logs);
// One bootstrap, two functions (serverless.template): the skill, and the alert job on a schedule.
using var bootstrap = (AlertsFunction.IsSelected(Environment.GetEnvironmentVariable("_HANDLER"))
    ? AlertsFunction.Create(function, logs)
    : FunctionBootstrap.Create(function, logs)).Build();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await bootstrap.RunAsync(stop.Token);
