using VoicePay.Composition;
using VoicePay.Simulator;

namespace VoicePay.Cli;

/// <summary><c>voicepay invoke</c>, <c>send</c> and <c>reset</c>.</summary>
internal static class StateCommands
{
    /// <summary>An offline Lambda-style test run: event JSON in, response out, on the shared local state.</summary>
    public static async Task<int> InvokeAsync(CliConsole console, string dataFolder, FileInfo file, CancellationToken cancellationToken)
    {
        var json = await EventFiles.ReadAsync(file, cancellationToken);
        _ = EventFiles.Parse(file, json);
        await console.Error.WriteLineAsync($"(local data: {dataFolder})");
        await HostLocator.WarnIfHostRunsAsync(console.Error, dataFolder, cancellationToken);
        await using var skill = await LocalSkill.StartAsync(dataFolder, console.Error, settings: null, cancellationToken);
        try
        {
            Output.Print(console.Out, await new PipelineEndpoint(skill.Services).SendAsync(json, cancellationToken));
            return ExitCodes.Ok;
        }
        catch (SkillEndpointException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>What the Alexa simulator does, from a second terminal: POST an event to the running host.</summary>
    public static async Task<int> SendAsync(CliConsole console, string dataFolder, FileInfo file, string? url, CancellationToken cancellationToken)
    {
        var target = HostLocator.AlexaUrl(url, dataFolder);
        var json = await EventFiles.ReadAsync(file, cancellationToken);
        _ = EventFiles.Parse(file, json);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            Output.Print(console.Out, await new HttpSkillEndpoint(http, target).SendAsync(json, cancellationToken));
            return ExitCodes.Ok;
        }
        catch (HttpRequestException ex)
        {
            throw new UserErrorException($"Could not reach {target} ({ex.Message}). Start the host (dotnet run --project src/VoicePay.Host), or name it with --url.", ex);
        }
        catch (SkillEndpointException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>Wipes the local demo state: user state (PINs, conversations, daily totals) and the sandbox ledger.</summary>
    public static async Task<int> ResetAsync(CliConsole console, string dataFolder, CancellationToken cancellationToken)
    {
        if (HostLocator.Recorded(dataFolder) is { } running && await HostLocator.IsRunningAsync(running, cancellationToken))
        {
            throw new UserErrorException($"A VoicePay host is running at {running} on this data folder. Stop it (Ctrl+C) first, then run voicepay reset again.");
        }

        var removed = 0;
        if (Directory.Exists(dataFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { LocalDefaults.UserStatePath(dataFolder), LocalDefaults.SandboxBankPath(dataFolder) }
                .SelectMany(db => new[] { db, db + "-wal", db + "-shm" })
                .Append(LocalDefaults.HostFilePath(dataFolder)))
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }

        await console.Out.WriteLineAsync(removed == 0
            ? $"Nothing to reset in {dataFolder}."
            : $"Local demo state removed from {dataFolder}. The next run starts from the sandbox seed, and the demo person gets PIN {LocalDefaults.DemoPin} again.");
        return ExitCodes.Ok;
    }
}
