using VoicePay.Cli;

namespace VoicePay.DevLoop.Tests;

/// <summary>Runs the CLI in this process, as <c>voicepay ARGS</c> would, capturing what it prints.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await VoicePayCli.RunAsync(args, new CliConsole(output, error, new StringReader(stdin ?? string.Empty), IsInputRedirected: true), CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>A user mistake: exit code 2, exactly one line on stderr, no stack trace.</summary>
    public void AssertUserError(string expectedFragment)
    {
        Assert.True(ExitCode == 2, $"exit code {ExitCode}; stderr: {Error}; stdout: {Output}");
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{Error}");
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, Error, StringComparison.OrdinalIgnoreCase);
    }
}
