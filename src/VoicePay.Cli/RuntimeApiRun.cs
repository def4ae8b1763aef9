using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Security;

namespace VoicePay.Cli;

/// <summary>
/// <c>voicepay invoke EVENT --runtime-api</c>: the published Native AOT <c>bootstrap</c>, run the
/// way Lambda runs it, against a local Lambda Runtime API (2018-06-01) serving this one event,
/// on the local sandbox bank and user state.
/// </summary>
internal static class RuntimeApiRun
{
    /// <summary>
    /// How to publish the bootstrap this command runs by default: the deployed function holds no SQLite, so a local run
    /// needs <c>VoicePaySqlite=true</c>, and it goes where <see cref="DefaultBootstrap"/> looks (the README says the same).
    /// </summary>
    public const string PublishCommand = "dotnet publish src/VoicePay.Function -c Release -r linux-x64 -o artifacts/aot-bootstrap-local -p:VoicePaySqlite=true";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public static string DefaultBootstrap() =>
        Environment.GetEnvironmentVariable("VOICEPAY_BOOTSTRAP_LOCAL") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(LocalDefaults.FindRepositoryRoot(Environment.CurrentDirectory) ?? LocalDefaults.FindRepositoryRoot(AppContext.BaseDirectory) ?? ".", "artifacts", "aot-bootstrap-local", "bootstrap");

    public static async Task<int> InvokeAsync(CliConsole console, string dataFolder, FileInfo file, string bootstrap, CancellationToken cancellationToken)
    {
        var json = await EventFiles.ReadAsync(file, cancellationToken);
        _ = EventFiles.Parse(file, json);
        if (!File.Exists(bootstrap))
        {
            throw new UserErrorException($"No bootstrap at {bootstrap}. Publish one for local runs (with the shared SQLite file): {PublishCommand} (or name one with --bootstrap).");
        }

        await console.Error.WriteLineAsync($"(local data: {dataFolder}; bootstrap: {bootstrap})");
        Directory.CreateDirectory(dataFolder);
        await using var bank = await SandboxBankServer.StartAsync(
            configure: o => o.ConnectionString = $"Data Source={LocalDefaults.SandboxBankPath(dataFolder)}",
            cancellationToken: cancellationToken);
        await using (var services = LocalServices.Build(dataFolder, bank.BaseAddress, console.Error))
        {
            await LocalDefaults.EnrollDemoPinAsync(services.GetRequiredService<VoicePinVerifier>(), cancellationToken);
        }

        await using var api = await OneEventRuntimeApi.StartAsync(json);
        var start = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var settings = LocalDefaults.Settings(bank.BaseAddress, dataFolder);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.RuntimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "voicepay-local";
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";

        using var process = Process.Start(start) ?? throw new UserErrorException($"Could not start {bootstrap}.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var done = await Task.WhenAny(api.Outcome, exited, Task.Delay(Budget, cancellationToken));
            if (done != api.Outcome)
            {
                await console.Error.WriteLineAsync(done == exited
                    ? $"The bootstrap exited ({process.ExitCode}) without answering:\n{log}"
                    : $"The bootstrap did not answer within {Budget.TotalSeconds:0} s:\n{log}");
                return ExitCodes.Failed;
            }

            var outcome = await api.Outcome;
            if (outcome.Kind != "response")
            {
                await console.Error.WriteLineAsync($"The bootstrap posted /{outcome.Kind}: {outcome.Body}");
                return ExitCodes.Failed;
            }

            Output.Print(console.Out, outcome.Body);
            return ExitCodes.Ok;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static void Append(System.Text.StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Append("  ").AppendLine(line);
        }
    }

    /// <summary>The Runtime API on a loopback port: hands out the one event, records what comes back.</summary>
    private sealed class OneEventRuntimeApi : IAsyncDisposable
    {
        private const string Prefix = "/2018-06-01/runtime";
        private const string RequestId = "voicepay-local-invocation";
        private readonly WebApplication app;
        private readonly TaskCompletionSource<(string Kind, byte[] Body)> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int handedOut;

        private OneEventRuntimeApi(WebApplication app) => this.app = app;

        public string RuntimeApi { get; private set; } = string.Empty;

        public Task<(string Kind, byte[] Body)> Outcome => outcome.Task;

        public static async Task<OneEventRuntimeApi> StartAsync(byte[] eventJson)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var api = new OneEventRuntimeApi(app);
            app.MapGet($"{Prefix}/invocation/next", async (HttpContext http) =>
            {
                if (Interlocked.Exchange(ref api.handedOut, 1) == 1)
                {
                    // One event only: the next poll waits until we stop the process.
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                    return;
                }

                http.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = RequestId;
                http.Response.Headers["Lambda-Runtime-Deadline-Ms"] = (DateTimeOffset.UtcNow + Budget).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                http.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:voicepay-local";
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(eventJson, http.RequestAborted);
            });
            app.MapPost($"{Prefix}/invocation/{{id}}/response", http => api.RecordAsync("response", http));
            app.MapPost($"{Prefix}/invocation/{{id}}/error", http => api.RecordAsync("error", http));
            app.MapPost($"{Prefix}/init/error", http => api.RecordAsync("init/error", http));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            api.RuntimeApi = $"{address.Host}:{address.Port}";
            return api;
        }

        private async Task RecordAsync(string kind, HttpContext http)
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            outcome.TrySetResult((kind, body.ToArray()));

            // The real API answers 202 with a small status document.
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"status":"OK"}""", http.RequestAborted);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
