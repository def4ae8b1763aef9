using System.Diagnostics;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// The only production build of the host is the trimmed Native AOT publish: a plain build with the local-run parts
/// "off" still shipped the sandbox and simulator, and one edit of runtimeconfig.json switched them back on.
/// </summary>
public sealed class ProductionBuildTests
{
    private const string PublishCommand = "dotnet publish src/VoicePay.Host -c Release -r linux-x64 -o artifacts/host -p:VoicePayLocalRuns=false";

    [Fact]
    public async Task A_production_build_that_is_not_the_trimmed_publish_is_refused_before_anything_is_built()
    {
        var output = Path.Combine(Path.GetTempPath(), "voicepay-production-build-" + Guid.NewGuid().ToString("N"));
        try
        {
            // No restore (the test's own build restored the host; the property changes no package or reference), and a
            // separate output folder; the refusal comes before any target that writes.
            var (exitCode, log) = await DotnetAsync(
                "build", RepositoryFiles.PathOf("src/VoicePay.Host/VoicePay.Host.csproj"), "--no-restore", "-nologo",
                "-p:VoicePayLocalRuns=false", "-o", output);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("VOICEPAY001", log, StringComparison.Ordinal);
            Assert.Contains("dotnet publish src/VoicePay.Host", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "VoicePay.Sandbox.dll")), "nothing may be built");
            Assert.False(File.Exists(Path.Combine(output, "VoicePay.Host.dll")), "nothing may be built");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void The_deployment_guide_names_the_trimmed_publish_as_the_only_production_build()
    {
        var guide = RepositoryFiles.ReadText("docs/deployment.md");

        Assert.Contains("    " + PublishCommand + "\n", guide.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("This publish is the only production build.", guide, StringComparison.Ordinal);
        var project = RepositoryFiles.ReadText("src/VoicePay.Host/VoicePay.Host.csproj");
        Assert.Contains("<PublishAot>true</PublishAot>", project, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Log)> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
