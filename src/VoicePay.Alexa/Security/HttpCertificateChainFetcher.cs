using System.Net;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Fetches the chain over HTTP with a time limit and a size limit, so a slow or huge response
/// cannot tie up the request that triggered it.
/// </summary>
public sealed class HttpCertificateChainFetcher : ICertificateChainFetcher
{
    private readonly HttpClient _httpClient;
    private readonly TimeSpan _timeout;
    private readonly int _maxBytes;

    public HttpCertificateChainFetcher(HttpClient httpClient, AlexaVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.CertificateFetchTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxCertificateChainBytes, nameof(options));
        _httpClient = httpClient;
        _timeout = options.CertificateFetchTimeout;
        _maxBytes = options.MaxCertificateChainBytes;
    }

    /// <summary>
    /// A handler suited to this fetcher: no redirects (the validated URL is the only place we read
    /// from), no cookies, no proxy credentials.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    };

    public async Task<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CertificateChainFetchException($"The certificate chain download returned HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                throw new CertificateChainFetchException($"The certificate chain is larger than {_maxBytes} bytes.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await ReadBoundedAsync(stream, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CertificateChainFetchException($"The certificate chain download took longer than {_timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CertificateChainFetchException("The certificate chain download failed.", ex);
        }
    }

    // Content-Length can be absent or wrong (chunked): count what actually arrives.
    private async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                throw new CertificateChainFetchException($"The certificate chain is larger than {_maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
