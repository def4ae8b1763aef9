using VoicePay.Host;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddVoicePayHost();

var app = builder.Build();
app.MapVoicePayHost();
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
