using System.Diagnostics;
using System.Text;

namespace VoicePay.Host.Tests.Aot;

/// <summary>
/// The production host build holds only production: the sandbox bank, the demo enrolment, the
/// development endpoints and the simulator are compiled out, not switched off.
/// </summary>
public sealed class ProductionHostTests
{
    // LocalDefaults' public pepper and demo person, and names only the local-run parts use.
    private static readonly string[] LocalRunMarkers =
    [
        "SandboxLedger", "MapSandboxBank", "WebSimulator", "VoicePay local run on", "simulator.html", "/sandbox/voice-pin",
        "bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==", "amzn1.ask.account.TESTUSER",
    ];

    [ProductionHostFact]
    public void The_production_host_contains_no_sandbox_no_simulator_and_no_demo_defaults()
    {
        var binary = File.ReadAllBytes(Environment.GetEnvironmentVariable(ProductionHostFactAttribute.Variable)!);

        foreach (var marker in LocalRunMarkers)
        {
            Assert.True(binary.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"The production host contains '{marker}'.");
            Assert.True(binary.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) < 0, $"The production host contains '{marker}' (UTF-16).");
        }

        // The test can fail: what production does contain is found, and the local build has what production lacks.
        Assert.True(binary.AsSpan().IndexOf(Encoding.UTF8.GetBytes("AlexaRequestVerifier")) >= 0);
        if (Environment.GetEnvironmentVariable(AotHostFactAttribute.Variable) is { Length: > 0 } local)
        {
            Assert.True(File.ReadAllBytes(local).AsSpan().IndexOf(Encoding.UTF8.GetBytes("SandboxLedger")) >= 0);
        }
    }

    [ProductionHostFact]
    public async Task The_production_host_refuses_to_start_with_the_sandbox_on()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable(ProductionHostFactAttribute.Variable)!, ["--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["VoicePay__Sandbox__Enabled"] = "true";
        start.Environment["VoicePay__Alexa__VerifyRequests"] = "false";
        start.Environment["VoicePay__SkillId"] = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
        using var host = Process.Start(start)!;
        var stdout = host.StandardOutput.ReadToEndAsync();
        var stderr = host.StandardError.ReadToEndAsync();
        try
        {
            await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, host.ExitCode);
        Assert.Contains("VoicePay:Sandbox:Enabled", await stdout + await stderr, StringComparison.Ordinal);
    }
}
