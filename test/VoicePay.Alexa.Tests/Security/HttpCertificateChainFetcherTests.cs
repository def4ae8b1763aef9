using System.Text;
using Microsoft.Extensions.Time.Testing;
using VoicePay.Alexa.Security;
using static VoicePay.Alexa.Tests.Security.SignedRequests;

namespace VoicePay.Alexa.Tests.Security;

public class HttpCertificateChainFetcherTests
{
    private readonly AlexaVerificationOptions _options = new() { SkillId = SkillId, MaxCertificateChainBytes = 16 * 1024 };

    [Fact]
    public async Task Downloads_the_chain_over_http()
    {
        var pem = TestPki.ValidChainPem();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, pem));
        using var client = new HttpClient(HttpCertificateChainFetcher.CreateHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);

        var fetched = await fetcher.FetchAsync(new Uri(server.BaseAddress, "echo.api/echo-api-cert-12.pem"), CancellationToken.None);

        Assert.Equal(pem, fetched);
        Assert.Equal("/echo.api/echo-api-cert-12.pem", Assert.Single(server.Paths));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_a_chain_over_the_size_limit(bool withContentLength)
    {
        var huge = Encoding.ASCII.GetBytes(new string('A', (16 * 1024) + 1));
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, huge, withContentLength));
        using var client = new HttpClient(HttpCertificateChainFetcher.CreateHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);

        await Assert.ThrowsAsync<CertificateChainFetchException>(() => fetcher.FetchAsync(new Uri(server.BaseAddress, "echo.api/big.pem"), CancellationToken.None));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Refuses_an_error_status(int status)
    {
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(status, "nope"u8.ToArray()));
        using var client = new HttpClient(HttpCertificateChainFetcher.CreateHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);

        await Assert.ThrowsAsync<CertificateChainFetchException>(() => fetcher.FetchAsync(new Uri(server.BaseAddress, "echo.api/x.pem"), CancellationToken.None));
    }

    [Fact]
    public async Task Does_not_follow_redirects()
    {
        var pem = TestPki.ValidChainPem();
        await using var server = new LoopbackHttpServer(path => path == "/elsewhere.pem"
            ? LoopbackHttpServer.Response(200, pem)
            : LoopbackHttpServer.Response(302, [], extraHeaders: "Location: /elsewhere.pem\r\n"));
        using var client = new HttpClient(HttpCertificateChainFetcher.CreateHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);

        await Assert.ThrowsAsync<CertificateChainFetchException>(() => fetcher.FetchAsync(new Uri(server.BaseAddress, "echo.api/x.pem"), CancellationToken.None));
        Assert.Single(server.Paths);
    }

    [Fact]
    public async Task Gives_up_after_the_timeout()
    {
        _options.CertificateFetchTimeout = TimeSpan.FromMilliseconds(50);
        using var client = new HttpClient(new HangingHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);

        await Assert.ThrowsAsync<CertificateChainFetchException>(() => fetcher.FetchAsync(new Uri("https://s3.amazonaws.com/echo.api/x.pem"), CancellationToken.None));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_dressed_up_as_a_fetch_failure()
    {
        using var client = new HttpClient(new HangingHandler());
        var fetcher = new HttpCertificateChainFetcher(client, _options);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new Uri("https://s3.amazonaws.com/echo.api/x.pem"), cancel.Token));
    }

    [Fact]
    public async Task Verifier_downloads_through_http_and_caches()
    {
        var pem = TestPki.ValidChainPem();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Response(200, pem));
        using var client = new HttpClient(new RedirectToLoopback(server.BaseAddress));
        _options.TrustedRoots.Add(TestPki.Trusted.Root);
        var verifier = new AlexaRequestVerifier(_options, new HttpCertificateChainFetcher(client, _options), new FakeTimeProvider(TestPki.Now), new RecordingLogger<AlexaRequestVerifier>());
        var body = Body(TestPki.Now);

        var first = await verifier.VerifyAsync(body, "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-12.pem", Sign(body), CancellationToken.None);
        var second = await verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(first.IsVerified, first.Reason);
        Assert.True(second.IsVerified, second.Reason);
        Assert.Equal("/echo.api/echo-api-cert-12.pem", Assert.Single(server.Paths));
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    // Stands in for DNS: sends the validated s3.amazonaws.com request to the loopback server.
    private sealed class RedirectToLoopback(Uri loopback) : DelegatingHandler(HttpCertificateChainFetcher.CreateHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(loopback, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
