using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoicePay.Host.Tests.Aot;

/// <summary>
/// The published Native AOT host, as a developer runs it locally: sandbox bank in-process,
/// SQLite, verification off on loopback. Proves the AOT build really serves the skill.
/// </summary>
public sealed partial class AotHostTests
{
    [AotHostFact]
    public async Task The_native_host_serves_health_and_a_whole_payment()
    {
        var executable = Environment.GetEnvironmentVariable(AotHostFactAttribute.Variable)!;
        var scratch = Directory.CreateTempSubdirectory("voicepay-aot-host-").FullName;
        // The host calls its own /sandbox bank, so it must know its port before it starts.
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(executable, ["--urls", url, "--VoicePay:Payments:BaseUrl", $"{url}/sandbox/", "--contentRoot", Path.GetDirectoryName(executable)!])
        {
            WorkingDirectory = scratch,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        // Local runs keep their state in the shared data folder; this run's belongs in scratch.
        start.Environment["VOICEPAY_HOME"] = scratch;
        start.Environment["Logging__Console__FormatterName"] = "simple";

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = new Process { StartInfo = start };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        host.OutputDataReceived += (_, e) => OnLine(e.Data);
        host.ErrorDataReceived += (_, e) => OnLine(e.Data);
        host.Start();
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };

            Assert.Equal("ok", await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
            Assert.StartsWith("Send $20.00 to Alice Smith", await SayAsync(http, "send-money.json"), StringComparison.Ordinal);
            Assert.StartsWith("For your security", await SayAsync(http, "send-money-confirm.json"), StringComparison.Ordinal);
            Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", await SayAsync(http, "pin.json"), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"The native host did not behave; its output:\n{output}", ex);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            Directory.Delete(scratch, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<string> SayAsync(HttpClient http, string eventFile)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "events", eventFile)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("/alexa", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        var ssml = json.RootElement.GetProperty("response").GetProperty("outputSpeech").GetProperty("ssml").GetString()!;
        return Tags().Replace(ssml, string.Empty);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
