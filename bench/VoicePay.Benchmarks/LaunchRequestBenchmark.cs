using BenchmarkDotNet.Attributes;

namespace VoicePay.Benchmarks;

/// <summary>
/// "Alexa, open Voice Pay": events/launch.json parsed, through the pipeline, serialized.
/// The envelope's access tokens are removed, so the launch makes no bank call and no sandbox runs:
/// this measures our own parse, pipeline and serialize path (with a linked account the launch
/// would also fetch payees from the bank, which the turn benchmarks cover).
/// </summary>
[MemoryDiagnoser]
public class LaunchRequestBenchmark
{
    private SkillHost host = null!;
    private byte[] envelope = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        envelope = SampleEvents.Edited("launch.json", SampleEvents.RemoveAccessTokens);
        var started = await SkillHost.StartAsync(withBank: false, new Dictionary<string, string?>());
        host = await started.CheckedWith(async pipeline =>
        {
            var first = await AlexaTurn.RunAsync(pipeline, envelope);
            first.Expect("Welcome");
            if (first.Response.Response.Directives is { Count: > 0 })
            {
                throw new InvalidOperationException("A launch without an access token should not teach payees.");
            }
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();

    [Benchmark]
    public async Task<byte[]> Launch() => (await AlexaTurn.RunAsync(host.Pipeline, envelope)).Json;
}
