using VoicePay.Testing;

namespace VoicePay.DevLoop.Tests;

/// <summary>Runs when VOICEPAY_BOOTSTRAP_LOCAL names the Native AOT bootstrap published for local runs, with SQLite (build/test.sh publishes it and sets it).</summary>
public sealed class BootstrapFactAttribute : FactAttribute
{
    public const string Variable = "VOICEPAY_BOOTSTRAP_LOCAL";

    public BootstrapFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path || !File.Exists(path))
        {
            Skip = $"{Variable} does not name a published bootstrap (build/test.sh sets it).";
        }
    }
}

/// <summary><c>voicepay invoke --runtime-api</c>: the published bootstrap against a local Runtime API, on the local state.</summary>
public class RuntimeApiTests
{
    private static string Event(string name) => Path.Combine(RepositoryRoot.Find(), "events", name);

    [BootstrapFact]
    public async Task The_published_bootstrap_answers_a_launch_with_the_bank_behind_it()
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync(null, "invoke", Event("launch.json"), "--runtime-api", "--data", data.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Alexa: Welcome to Voice Pay.", run.Output, StringComparison.Ordinal);

        // The payees come from the sandbox bank on the local data folder.
        Assert.Contains("Alice Smith", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bootstrap_is_one_line_with_the_publish_command()
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync(null, "invoke", Event("launch.json"), "--runtime-api", "--bootstrap", Path.Combine(data.Path, "bootstrap"), "--data", data.Path);
        run.AssertUserError("dotnet publish src/VoicePay.Function");
    }
}
