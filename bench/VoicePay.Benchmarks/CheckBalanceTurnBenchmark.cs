using BenchmarkDotNet.Attributes;

namespace VoicePay.Benchmarks;

/// <summary>
/// "What's my balance?": events/check-balance.json parsed, through the pipeline, the real payments
/// client calling the sandbox bank over loopback HTTP, and the answer serialized.
/// VoicePay:Pin:RequiredForBalance is false so the turn answers at once: this measures the balance
/// turn itself, not a PIN prompt (the PIN's cost is in <see cref="SendMoneyTurnBenchmark"/>).
/// The sandbox runs in this process, so its server-side work counts in time and allocations.
/// </summary>
[MemoryDiagnoser]
public class CheckBalanceTurnBenchmark
{
    private SkillHost host = null!;
    private byte[] envelope = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        envelope = SampleEvents.Bytes("check-balance.json");
        var started = await SkillHost.StartAsync(withBank: true, new Dictionary<string, string?>
        {
            ["VoicePay:Pin:RequiredForBalance"] = "false",
        });
        host = await started.CheckedWith(async pipeline =>
            (await AlexaTurn.RunAsync(pipeline, envelope)).Expect("Everyday Checking"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();

    [Benchmark]
    public async Task<byte[]> CheckBalance() => (await AlexaTurn.RunAsync(host.Pipeline, envelope)).Json;
}
