using BenchmarkDotNet.Attributes;

namespace VoicePay.Benchmarks;

/// <summary>
/// Each sample event from events/ as one turn: bytes parsed, through the pipeline, serialized, with
/// allocations. The session has the voice PIN verified (in set-up, with the real PBKDF2 hash), so the
/// balance and transactions turns answer with data from the sandbox bank (in this process, over
/// loopback HTTP) rather than asking for the PIN. The PIN turn itself, "yes" and the transfer are
/// measured as a conversation in <see cref="SendMoneyTurnBenchmark"/>; a launch without a token in
/// <see cref="LaunchRequestBenchmark"/>.
/// </summary>
[MemoryDiagnoser]
public class EveryIntentBenchmark
{
    // Event file → what the skill must say for the measured path to be the intended one.
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["launch.json"] = "Welcome to Voice Pay",
        ["help.json"] = "With Voice Pay you can ask",
        ["stop.json"] = "Goodbye",
        ["session-ended.json"] = string.Empty,
        ["check-balance.json"] = "Here are your balances",
        ["check-savings.json"] = "account ending in",
        ["recent-transactions.json"] = "transactions",
        ["send-money.json"] = "Send $20.00 to Alice Smith",
    };

    private SkillHost host = null!;
    private byte[] envelope = null!;

    [ParamsSource(nameof(Events))]
    public string Event { get; set; } = "launch.json";

    public static IEnumerable<string> Events => Expected.Keys;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        envelope = SampleEvents.Bytes(Event);
        var started = await SkillHost.StartAsync(withBank: true, new Dictionary<string, string?>
        {
            // Long enough for a whole BenchmarkDotNet run, so the session stays verified.
            ["VoicePay:Pin:VerifiedFor"] = "1.00:00:00",
        });
        host = await started.CheckedWith(async pipeline =>
        {
            (await AlexaTurn.RunAsync(pipeline, SampleEvents.Bytes("check-balance.json"))).Expect("PIN");
            (await AlexaTurn.RunAsync(pipeline, SampleEvents.Bytes("pin.json"))).Expect("Here are your balances");
            (await AlexaTurn.RunAsync(pipeline, envelope)).Expect(Expected[Event]);
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await host.DisposeAsync();

    [Benchmark]
    public async Task<byte[]> Turn() => (await AlexaTurn.RunAsync(host.Pipeline, envelope)).Json;
}
