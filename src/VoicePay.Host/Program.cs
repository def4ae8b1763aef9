using VoicePay.Composition.Options;
using VoicePay.Host;

WebApplication app;
try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddVoicePayHost();
    app = builder.Build();
    app.MapVoicePayHost();
}
catch (VoicePayConfigurationException ex)
{
    // A bad setting is an operator's mistake: one line naming the key (docs/configuration.md), not a stack trace.
    await Console.Error.WriteLineAsync($"voicepay host: configuration: {ex.Message}");
    return 2;
}

if (await LocalRun.StartOrExplainAsync(app, Console.Error) is { } exitCode)
{
    return exitCode;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();

// The loopback guard sets 2 when it refuses to run.
return Environment.ExitCode;

/// <summary>Visible to tests, which start the host in-process on a loopback port.</summary>
public partial class Program;
