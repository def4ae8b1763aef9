namespace VoicePay.Payments.Resilience;

/// <summary>
/// What happened to each HTTP attempt of one call, written by <see cref="AttemptRecordingHandler"/>
/// beneath the retry strategy. A transfer whose last attempt failed is only "nothing moved" if no
/// earlier attempt could have reached the bank.
/// </summary>
internal sealed class AttemptLog(long startedAt)
{
    public static readonly HttpRequestOptionsKey<AttemptLog> Key = new("VoicePay.Payments.AttemptLog");

    private int _attempts;
    private int _mayHaveActed;

    /// <summary>The <see cref="TimeProvider"/> timestamp the call began at, to keep Retry-After within budget.</summary>
    public long StartedAt { get; } = startedAt;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>True once any attempt may have been processed by the bank without us reading a definite answer.</summary>
    public bool BankMayHaveActed => Volatile.Read(ref _mayHaveActed) == 1;

    public void Record(bool mayHaveActed)
    {
        Interlocked.Increment(ref _attempts);
        if (mayHaveActed)
        {
            Volatile.Write(ref _mayHaveActed, 1);
        }
    }
}
