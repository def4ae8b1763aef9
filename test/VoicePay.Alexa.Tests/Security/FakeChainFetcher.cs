using VoicePay.Alexa.Security;

namespace VoicePay.Alexa.Tests.Security;

/// <summary>Serves a chain from memory and records every download.</summary>
internal sealed class FakeChainFetcher(byte[] pem) : ICertificateChainFetcher
{
    public byte[] Pem { get; set; } = pem;

    public Exception? Failure { get; set; }

    public List<Uri> Requests { get; } = [];

    public Task<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        Requests.Add(url);
        return Failure is null ? Task.FromResult(Pem) : Task.FromException<byte[]>(Failure);
    }
}
