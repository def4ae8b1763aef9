using System.Diagnostics;
using System.Text;
using System.Text.Json;
using VoicePay.Storage.DynamoDb;
using VoicePay.Testing;

namespace VoicePay.Lambda.Tests;

/// <summary>The real published bootstrap, as Lambda runs it: a process talking to the Runtime API, keeping state in DynamoDB (dynalite).</summary>
public sealed class AotBootstrapTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    [AotBootstrapFact]
    public async Task The_published_bootstrap_answers_a_LaunchRequest_with_speech()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var bootstrap = StartBootstrap(emulator.RuntimeApi, out var output, await DynamoDbSettingsAsync(dynalite));
        try
        {
            var outcome = emulator.Enqueue(await File.ReadAllBytesAsync(LaunchEvent()));
            var exited = bootstrap.WaitForExitAsync();
            var first = await Task.WhenAny(outcome, exited).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(first == outcome, $"The bootstrap exited with {(exited.IsCompleted ? bootstrap.ExitCode : -1)}:\n{output}");

            var answer = await outcome;
            Assert.False(answer.IsError, $"The bootstrap reported an error: {answer.Body}\n{output}");
            using var json = JsonDocument.Parse(answer.Body);
            var ssml = json.RootElement.GetProperty("response").GetProperty("outputSpeech").GetProperty("ssml").GetString();
            Assert.StartsWith("<speak>Welcome to Voice Pay.", ssml, StringComparison.Ordinal);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
                await bootstrap.WaitForExitAsync();
            }
        }
    }

    [AotBootstrapFact]
    public async Task The_published_bootstrap_logs_only_JSON_lines_and_reports_a_malformed_envelope_as_InvalidEventBody()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var settings = await DynamoDbSettingsAsync(dynalite);
        settings["AWS_LAMBDA_LOG_FORMAT"] = "JSON";
        settings["AWS_LAMBDA_LOG_LEVEL"] = "DEBUG";
        using var bootstrap = StartBootstrap(emulator.RuntimeApi, out var output, settings);
        try
        {
            var launch = await emulator.Enqueue(await File.ReadAllBytesAsync(LaunchEvent()), requestId: "aot-json-1").WaitAsync(TimeSpan.FromSeconds(60));
            var malformed = await emulator.Enqueue("""{"version":"1.0","request":null}""", requestId: "aot-json-2").WaitAsync(TimeSpan.FromSeconds(60));

            Assert.False(launch.IsError, $"{launch.Body}\n{output}");
            Assert.True(malformed.IsError);
            Assert.Equal("InvalidEventBody", malformed.ErrorType);
            Assert.StartsWith("The body is not a valid Alexa request: The envelope has no 'request' object", malformed.ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
                await bootstrap.WaitForExitAsync();
            }
        }

        string[] lines;
        lock (output)
        {
            lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        Assert.NotEmpty(lines);
        var requestIds = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("timestamp", out _) && json.RootElement.TryGetProperty("level", out _) && json.RootElement.TryGetProperty("message", out _), line);
            return json.RootElement.GetProperty("requestId").GetString();
        }).ToList();
        Assert.Contains("aot-json-1", requestIds);
        Assert.Contains("aot-json-2", requestIds);
    }

    [AotBootstrapFact]
    public void The_lambda_package_holds_no_sqlite_library_no_sandbox_and_no_demo_defaults()
    {
        var bootstrap = Environment.GetEnvironmentVariable(AotBootstrapFactAttribute.Variable)!;

        // build/package-lambda.sh zips bootstrap and the native libraries beside it: there are none.
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(bootstrap)!, "*.so"));
        var binary = File.ReadAllBytes(bootstrap);
        foreach (var absent in new[] { "SqliteUserStateStore", "Microsoft.Data.Sqlite", "SandboxLedger", "VoicePay.Sandbox", "LocalDefaults", DemoPepper, DemoPinKey, DemoUserId })
        {
            Assert.True(binary.AsSpan().IndexOf(Encoding.UTF8.GetBytes(absent)) < 0, $"The bootstrap contains '{absent}'.");
            Assert.True(binary.AsSpan().IndexOf(Encoding.Unicode.GetBytes(absent)) < 0, $"The bootstrap contains '{absent}' (UTF-16).");
        }

        // And the test can fail: what the function does contain is found.
        Assert.True(binary.AsSpan().IndexOf(Encoding.UTF8.GetBytes("DynamoDbUserStateStore")) >= 0);
    }

    [AotBootstrapFact]
    public async Task Asking_the_function_for_sqlite_is_an_init_error_that_names_the_key()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var bootstrap = StartBootstrap(emulator.RuntimeApi, out var output, new Dictionary<string, string> { ["VoicePay__Storage__Provider"] = "Sqlite" });
        try
        {
            var error = await emulator.InitError.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("VoicePay:Storage:Provider", error.ErrorMessage ?? error.Body, StringComparison.Ordinal);
            Assert.Contains("DynamoDb", error.ErrorMessage ?? error.Body, StringComparison.Ordinal);
        }
        finally
        {
            if (!bootstrap.HasExited)
            {
                bootstrap.Kill();
                await bootstrap.WaitForExitAsync();
            }
        }
    }

    // LocalDefaults' public pepper, PIN key and demo person, written out here so this test does not depend on the project that holds them.
    private const string DemoPepper = "bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==";
    private const string DemoUserId = "amzn1.ask.account.TESTUSER";
    private const string DemoPinKey = "bG9jYWwtZGV2ZWxvcG1lbnQtcGluLWtleS1ub3QtYS1zZWNyZXQtLS0=";

    /// <summary>A fresh table in dynalite, as the function's settings.</summary>
    internal static async Task<Dictionary<string, string>> DynamoDbSettingsAsync(DynaliteFixture dynalite)
    {
        var table = "VoicePayAot-" + Guid.NewGuid().ToString("N");
        using var client = dynalite.CreateClient();
        await DynamoDbUserStateTable.CreateTableAsync(client, table, CancellationToken.None);
        return new Dictionary<string, string>
        {
            ["VoicePay__Storage__Provider"] = "DynamoDb",
            ["VoicePay__Storage__TableName"] = table,
            ["VoicePay__Storage__ServiceUrl"] = dynalite.ServiceUrl,
        };
    }

    internal static Process StartBootstrap(string runtimeApi, out StringBuilder output, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable(AotBootstrapFactAttribute.Variable)!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "voicepay";
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["VoicePay__SkillId"] = SkillId;

        // A bank that refuses connections: a launch still welcomes.
        start.WorkingDirectory = Directory.CreateTempSubdirectory("voicepay-aot-").FullName;
        start.Environment["VoicePay__Payments__BaseUrl"] = "http://127.0.0.1:9/";
        start.Environment["VoicePay__Pin__Pepper"] = Convert.ToBase64String(new byte[32]);
        start.Environment["VoicePay__PinKey__LocalKey"] = Convert.ToBase64String(new byte[32]);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var lines = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Append(lines, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = lines;
        return process;
    }

    private static void Append(StringBuilder lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.AppendLine(line);
            }
        }
    }

    /// <summary>The repository's events/launch.json when there is one, else the minimal envelope in TestData.</summary>
    private static string LaunchEvent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "events", "launch.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(dir.FullName, "VoicePay.sln")))
            {
                break;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestData", "launch-request.json");
    }
}
