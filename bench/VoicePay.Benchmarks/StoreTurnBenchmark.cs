using BenchmarkDotNet.Attributes;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Benchmarks;

/// <summary>
/// The SQLite store calls of a turn that asks for the PIN (claim the request, read the conversation and the PIN
/// record, save the conversation, keep the answer), made by 8 turns at once as the HTTP row's 8 connections make them.
/// Writers of one process queue on the store's write gate, so this measures how long each write holds it: the bound on
/// the warm CheckBalance rows of bench/run.sh (bench/README.md, "SQLite writes per turn").
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1063 // BenchmarkDotNet needs the class unsealed; GlobalCleanup is its whole disposal.
public class StoreTurnBenchmark : IDisposable
#pragma warning restore CA1063
{
    private const string UserId = "amzn1.ask.account.BENCH";
    private static readonly byte[] Answer = new byte[900];
    private static readonly string State = new('x', 600);

    private string path = null!;
    private SqliteUserStateStore store = null!;
    private long requests;

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"voicepay-storebench-{Guid.NewGuid():N}.db");
        store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = $"Data Source={path}" });
    }

    [GlobalCleanup]
    public void Dispose()
    {
        store.Dispose();
        GC.SuppressFinalize(this);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public Task EightTurns() => Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(TurnAsync)));

    private async Task TurnAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var requestId = "bench-" + Interlocked.Increment(ref requests);
        if (await store.TryClaimRequestAsync(UserId, requestId, now, now.AddMinutes(3), default) is not null)
        {
            throw new InvalidOperationException("A new request id was already claimed.");
        }

        await store.GetConversationAsync(UserId, "session", default);
        await store.GetPinAsync(PinHolder.Account(UserId), default);
        await store.SaveConversationAsync(UserId, "session", State, now.AddHours(1), default);
        await store.SaveResponseAsync(UserId, requestId, Answer, now.AddMinutes(3), default);
    }
}
