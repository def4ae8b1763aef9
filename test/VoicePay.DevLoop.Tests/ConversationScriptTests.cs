using VoicePay.Simulator;
using VoicePay.Testing;

namespace VoicePay.DevLoop.Tests;

/// <summary>Every script under test/conversations, played by <c>voicepay chat --script</c> on a fresh sandbox bank.</summary>
public class ConversationScriptTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Find(), "test", "conversations");

    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Folder, "*.chat").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_passes(string name)
    {
        var run = await Cli.RunAsync(null, "chat", "--script", Path.Combine(Folder, name));
        Assert.True(run.ExitCode == 0, $"{run.Error}\n{run.Output}");
        Assert.Contains("PASSED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_falls_short_fails_with_the_line_and_the_difference()
    {
        using var data = new TempFolder();
        var script = Path.Combine(data.Path, "short.chat");
        await File.WriteAllTextAsync(script, "> open voice pay\n< Voice Pay\n> send twenty dollars to alice smith\n< $25.00\n");
        var run = await Cli.RunAsync(null, "chat", "--script", script);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("short.chat:4", run.Error, StringComparison.Ordinal);
        Assert.Contains("expected: Alexa says \"$25.00\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("$20.00 to Alice Smith", run.Error, StringComparison.Ordinal);
        Assert.Contains("send twenty dollars to alice smith", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_checks_fail_when_the_books_disagree()
    {
        using var data = new TempFolder();
        var script = Path.Combine(data.Path, "ledger.chat");
        await File.WriteAllTextAsync(script, "> open voice pay\n= balance checking 1.00\n");
        var run = await Cli.RunAsync(null, "chat", "--script", script);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("it has 4209.27", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_conversation_is_the_readme_script()
    {
        var root = RepositoryRoot.Find();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var script = File.ReadAllText(Path.Combine(Folder, "readme.chat")).ReplaceLineEndings("\n");
        const string marker = "<!-- test/conversations/readme.chat -->\n```text\n";
        var start = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md shows test/conversations/readme.chat after the marker " + marker);
        var body = readme[(start + marker.Length)..];
        Assert.Equal(script, body[..body.IndexOf("```", StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData("< too early", "before anything was said")]
    [InlineData("> hi\n= balance checking lots", "unknown check")]
    [InlineData("> hi\n@locale en-GB", "before the first turn")]
    [InlineData("hello", "a line starts with")]
    public void Format_mistakes_name_the_line(string text, string message)
    {
        var error = Assert.Throws<ScriptFormatException>(() => ConversationScript.Parse(text, "x.chat"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("x.chat:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_against_a_running_host_holds_the_same_conversation()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        var run = await Cli.RunAsync(null, "chat", "--endpoint", host.BaseAddress.AbsoluteUri, "--script", Path.Combine(Folder, "readme.chat"));
        Assert.True(run.ExitCode == 0, $"{run.Error}\n{run.Output}");
    }

    [Fact]
    public async Task Interactive_chat_reads_lines_until_the_input_ends()
    {
        using var data = new TempFolder();
        var run = await Cli.RunAsync("open voice pay\n/state\nwhat's my balance\n", "chat", "--data", data.Path, "--ssml", "--show-json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("heard: LaunchRequest", run.Output, StringComparison.Ordinal);
        Assert.Contains("Alexa: Welcome to Voice Pay.", run.Output, StringComparison.Ordinal);
        Assert.Contains("ssml: <speak>", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"LaunchRequest\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("session: amzn1.echo-api.session.", run.Output, StringComparison.Ordinal);
        Assert.Contains("heard: CheckBalanceIntent", run.Output, StringComparison.Ordinal);
    }
}
