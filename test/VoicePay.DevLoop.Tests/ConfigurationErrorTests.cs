using System.Diagnostics;

namespace VoicePay.DevLoop.Tests;

/// <summary>
/// The CLI and the host as programs, in processes of their own (the bad value is an environment variable, which an
/// in-process run would share with every other test): one line on stderr naming the key, exit code 2.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("VoicePay__Pin__MaxAttempts", "0", "VoicePay:Pin:MaxAttempts")]
    [InlineData("VoicePay__Limits__PerTransfer", "5000", "VoicePay:Limits:PerTransfer")]
    [InlineData("VoicePay__Storage__Provider", "Postgres", "VoicePay:Storage:Provider")]
    public async Task The_cli_names_a_bad_key_in_one_line_and_exits_2(string variable, string value, string key)
    {
        using var data = new TempFolder();
        var run = await RunAsync("voicepay", data.Path, ["pin", "status", "--user", "amzn1.ask.account.TESTUSER", "--data", data.Path], new() { [variable] = value });

        new CliRun(run.ExitCode, run.Output, run.Error).AssertUserError(key);
    }

    [Fact]
    public async Task The_cli_runs_with_the_same_command_and_good_settings()
    {
        using var data = new TempFolder();
        var run = await RunAsync("voicepay", data.Path, ["pin", "status", "--user", "amzn1.ask.account.TESTUSER", "--data", data.Path], new() { ["VoicePay__Pin__MaxAttempts"] = "5" });

        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task The_host_names_a_bad_key_in_one_line_and_exits_2()
    {
        using var data = new TempFolder();
        var run = await RunAsync("VoicePay.Host", data.Path, ["--urls", "http://127.0.0.1:0"], new()
        {
            ["VoicePay__SkillId"] = "amzn1.ask.skill.test",
            ["VoicePay__Pin__Pepper"] = Convert.ToBase64String(new byte[32]),
            ["VoicePay__PinKey__LocalKey"] = Convert.ToBase64String(new byte[32]),
            ["VoicePay__Payments__BaseUrl"] = "http://127.0.0.1:9/",
            ["VoicePay__Storage__SqlitePath"] = Path.Combine(data.Path, "voicepay.db"),
            ["VoicePay__Limits__PerTransfer"] = "5000",
        });

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}; stderr: {run.Error}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.Error);
        Assert.Contains("VoicePay:Limits:PerTransfer", lines[0], StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string workingDirectory, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, program))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["VOICEPAY_HOME"] = workingDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
