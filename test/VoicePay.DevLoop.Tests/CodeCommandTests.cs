using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.DevLoop.Tests;

/// <summary><c>voicepay bank codes</c> against the real local host: what its sandbox bank texted, newest first.</summary>
public class CodeCommandTests
{
    [Fact]
    public async Task Bank_codes_lists_the_texts_the_running_hosts_sandbox_sent()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        var none = await Cli.RunAsync(null, "bank", "codes", "--data", data.Path);
        Assert.True(none.ExitCode == 0, none.Error);
        Assert.Contains("No codes sent yet.", none.Output, StringComparison.Ordinal);

        await SendCodeAsync(host, "demo-alice-token");
        await SendCodeAsync(host, "demo-gbp-token");
        var sent = host.App.Services.GetRequiredService<SandboxLedger>().SentCodes();

        var all = await Cli.RunAsync(null, "bank", "codes", "--data", data.Path);
        Assert.True(all.ExitCode == 0, all.Error);
        var lines = all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("cust-oliver", lines[0], StringComparison.Ordinal);
        Assert.Contains($"phone ••34  code {sent[0].Code}", lines[0], StringComparison.Ordinal);
        Assert.Contains($"phone ••12  code {sent[1].Code}", lines[1], StringComparison.Ordinal);

        var alices = await Cli.RunAsync(null, "bank", "codes", "--customer", "cust-alice", "--url", host.BaseAddress.AbsoluteUri);
        Assert.Single(alices.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(sent[1].Code, alices.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_host_it_is_one_line_and_exit_code_2()
    {
        using var data = new TempFolder();
        (await Cli.RunAsync(null, "bank", "codes", "--data", data.Path)).AssertUserError("No VoicePay host is running");
    }

    private static async Task SendCodeAsync(LocalHost host, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "sandbox/v1/verification-codes"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
