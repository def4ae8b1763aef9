using System.Collections.Concurrent;
using VoicePay.Alexa.Security;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>Stands in for the download from s3.amazonaws.com: serves the test chain from memory.</summary>
internal sealed class StaticChainFetcher(byte[] pem) : ICertificateChainFetcher
{
    public ConcurrentQueue<Uri> Requests { get; } = new();

    public Task<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        Requests.Enqueue(url);
        return Task.FromResult(pem);
    }
}
