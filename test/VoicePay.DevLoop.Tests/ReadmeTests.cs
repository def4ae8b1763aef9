using System.Text.RegularExpressions;
using VoicePay.Composition;
using VoicePay.Testing;

namespace VoicePay.DevLoop.Tests;

/// <summary>What a newcomer copies from the README works as written, and the CLI's hints say the same as the README.</summary>
public sealed partial class ReadmeTests
{
    private static string Readme() => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_pin_examples_do_not_change_the_demo_persons_PIN()
    {
        // Setting a PIN for the demo person replaced the 1234 the README's conversation then asks for.
        var pinCommands = Readme().Split('\n').Where(l => l.Contains("voicepay pin ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(pinCommands);
        Assert.All(pinCommands, line => Assert.DoesNotContain(LocalDefaults.DemoUserId, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_missing_bootstrap_hint_is_the_readmes_publish_command()
    {
        var readme = Whitespace().Replace(Readme(), " ");
        var command = PublishCommand().Match(readme).Groups["command"].Value;
        Assert.Contains("-p:VoicePaySqlite=true", command, StringComparison.Ordinal);
        using var data = new TempFolder();

        var run = await Cli.RunAsync(null, "invoke", Path.Combine(RepositoryRoot.Find(), "events", "launch.json"), "--runtime-api", "--data", data.Path, "--bootstrap", Path.Combine(data.Path, "bootstrap"));

        run.AssertUserError(command);
        var expectedDefault = Path.Combine("artifacts", "aot-bootstrap-local", "bootstrap");
        Assert.Contains(Path.GetDirectoryName(expectedDefault)!, command, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_run_is_preceded_by_a_build_that_shows_its_progress()
    {
        // dotnet run builds without printing anything; on a loaded machine that was minutes of silence.
        var readme = Readme();
        var build = readme.IndexOf("    dotnet build src/VoicePay.Host\n", StringComparison.Ordinal);
        var run = readme.IndexOf("    dotnet run --project src/VoicePay.Host", StringComparison.Ordinal);

        Assert.True(build >= 0 && run > build, "the README's first command builds the host visibly before running it");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("`(?<command>dotnet publish src/VoicePay.Function [^`]*aot-bootstrap-local[^`]*)`")]
    private static partial Regex PublishCommand();
}
