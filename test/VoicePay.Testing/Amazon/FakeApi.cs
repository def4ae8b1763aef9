using System.Collections.Concurrent;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// One scripted misbehaviour of a fake, used by the next request: a status (with Retry-After, and for AWS JSON APIs the
/// error's <c>__type</c>), and/or a delay first.
/// </summary>
public sealed record FakeFault(int? Status = null, string? RetryAfter = null, TimeSpan? Delay = null, string? ErrorType = null)
{
    public static FakeFault Answer(int status, string? retryAfter = null) => new(status, retryAfter);

    /// <summary>Answers normally, but only after <paramref name="delay"/> (a long one is a hang).</summary>
    public static FakeFault Slow(TimeSpan delay) => new(Delay: delay);
}

/// <summary>What a fake received: for assertions on exact shapes.</summary>
public sealed record RecordedRequest(string Method, string Path, string? ContentType, string? Authorization, string Body, int Status);

/// <summary>The part every fake shares: the fault script, the recorded requests, and the violations found.</summary>
public abstract class FakeApi
{
    private readonly ConcurrentQueue<string> violations;
    private readonly ConcurrentQueue<FakeFault> script = new();
    private FakeFault? always;

    protected FakeApi(ConcurrentQueue<string> violations) => this.violations = violations;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count => Requests.Count;

    /// <summary>The next requests meet these faults, one each, in order.</summary>
    public void Enqueue(params FakeFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var fault in faults)
        {
            script.Enqueue(fault);
        }
    }

    /// <summary>Every request meets <paramref name="fault"/> (after the script); null stops it.</summary>
    public void Always(FakeFault? fault) => always = fault;

    /// <summary>Waits (bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (Count < count)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    internal FakeFault? NextFault() => script.TryDequeue(out var fault) ? fault : always;

    internal void Violation(string problem) => violations.Enqueue($"{GetType().Name}: {problem}");
}
