namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>Counts the payments client's calls to the bank: a rejected request must cause none.</summary>
internal sealed class BankCallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(BankCallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
