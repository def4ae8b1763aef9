using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace VoicePay.Testing;

/// <summary>
/// An in-memory dynalite (a local DynamoDB) on a free loopback port, shared by the DynamoDB tests.
/// Installs it from test/dynalite/package-lock.json on first use, so a fresh clone needs only Node and npm.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _output = [];
    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    public AmazonDynamoDBClient CreateClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" });

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "test", "dynalite");
        await InstallOnceAsync(folder);

        // The free port can be taken between finding and binding it; another try finds another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            if (await TryStartAsync(folder, port))
            {
                ServiceUrl = $"http://127.0.0.1:{port}";
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("dynalite did not start: " + string.Join(Environment.NewLine, _output));
            }
        }
    }

    /// <summary>Test projects run in parallel; an exclusive lock file keeps two 'npm ci' out of one folder.</summary>
    private static async Task InstallOnceAsync(string folder)
    {
        var lockPath = Path.Combine(folder, ".install.lock");
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                await using var exclusive = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (!File.Exists(Path.Combine(folder, "node_modules", "dynalite", "cli.js")))
                {
                    await RunToEndAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, InstallTimeout);
                }

                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunToEndAsync(string fileName, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }

    private async Task<bool> TryStartAsync(string folder, int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // In memory (no --path); tables become ACTIVE at once instead of after dynalite's default 500 ms.
        foreach (var argument in new[] { "node_modules/dynalite/cli.js", "--host", "127.0.0.1", "--port", $"{port}", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data, listening);
        process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        process.Exited += (_, _) => listening.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await listening.Task.WaitAsync(StartTimeout);
        if (!process.HasExited)
        {
            return true;
        }

        Stop();
        return false;
    }

    private void Record(string? line, TaskCompletionSource? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("listening", StringComparison.OrdinalIgnoreCase))
        {
            listening?.TrySetResult();
        }
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }
}
