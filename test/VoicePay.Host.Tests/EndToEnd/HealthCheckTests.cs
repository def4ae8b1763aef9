using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Security;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>/health/live and /health/ready on real hosts: a working one, one whose store is broken, one whose bank is down.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_host_with_a_working_store_and_bank_is_live_and_ready()
    {
        await using var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = false });

        var (liveStatus, live) = await GetAsync(host, "health/live");
        var (readyStatus, ready) = await GetAsync(host, "health/ready");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", Check(ready, "store"));
        Assert.Equal("Healthy", Check(ready, "bank"));
        Assert.False(ready.GetProperty("checks").TryGetProperty("alexa-certificate", out _), "Without verification there is no certificate to check.");
    }

    [Fact]
    public async Task A_broken_store_makes_the_host_unready_but_still_live()
    {
        // The database "file" is a directory: SQLite cannot open it.
        var directory = Directory.CreateTempSubdirectory("voicepay-broken-store-").FullName;
        try
        {
            await using var host = await TestHost.StartAsync(new HostSettings
            {
                VerifyRequests = false,
                Configuration = new Dictionary<string, string?> { ["VoicePay:Storage:SqlitePath"] = directory },
            });

            var (readyStatus, ready) = await GetAsync(host, "health/ready");
            var (liveStatus, _) = await GetAsync(host, "health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", Check(ready, "store"));
            Assert.Equal("Healthy", Check(ready, "bank"));
            Assert.StartsWith("The user-state store failed: SqliteException", Description(ready, "store"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, liveStatus);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_bank_that_does_not_answer_makes_the_host_unready()
    {
        // No separate bank: the payments URL is the discard port, where nothing listens.
        await using var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = false, SeparateBank = false });

        var (readyStatus, ready) = await GetAsync(host, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", Check(ready, "bank"));
        Assert.Equal("Healthy", Check(ready, "store"));
        Assert.StartsWith("The bank did not answer", Description(ready, "bank"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_answering_5xx_makes_the_host_unready()
    {
        await using var failing = await FailingBank.StartAsync();
        await using var host = await TestHost.StartAsync(new HostSettings
        {
            VerifyRequests = false,
            SeparateBank = false,
            Configuration = new Dictionary<string, string?> { ["VoicePay:Payments:BaseUrl"] = failing.BaseAddress.AbsoluteUri },
        });

        var (readyStatus, ready) = await GetAsync(host, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("The bank answered HTTP 503.", Description(ready, "bank"));
    }

    [Fact]
    public async Task With_verification_on_an_unreachable_certificate_chain_makes_the_host_unready()
    {
        var fetcher = new SwitchableChainFetcher(new StaticChainFetcher(TestPki.ChainPem));
        await using var host = await TestHost.StartAsync(new HostSettings
        {
            VerifyRequests = true,
            Services = services => services.Replace(ServiceDescriptor.Singleton<ICertificateChainFetcher>(fetcher)),
        });

        var (_, before) = await GetAsync(host, "health/ready");
        Assert.Equal("No Alexa certificate chain has been needed yet.", Description(before, "alexa-certificate"));
        using (var answer = await host.Client.SendAsync(AlexaEvents.PostSigned(AlexaEvents.Load("launch.json"))))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        fetcher.Broken = true;
        var (readyStatus, ready) = await GetAsync(host, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", Check(ready, "alexa-certificate"));
        Assert.Contains(AlexaEvents.ChainUrl, Description(ready, "alexa-certificate"), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(TestHost host, string path)
    {
        using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static string? Check(JsonElement report, string name) => report.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();

    private static string Description(JsonElement report, string name) => report.GetProperty("checks").GetProperty(name).GetProperty("description").GetString()!;

    /// <summary>A "bank" on a loopback port that answers 503 to everything.</summary>
    private sealed class FailingBank : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FailingBank(WebApplication app, Uri baseAddress)
        {
            _app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<FailingBank> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FailingBank(app, new Uri(address.TrimEnd('/') + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class SwitchableChainFetcher(ICertificateChainFetcher inner) : ICertificateChainFetcher
    {
        public volatile bool Broken;

        public Task<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken) =>
            Broken ? Task.FromException<byte[]>(new CertificateChainFetchException("S3 is unreachable.")) : inner.FetchAsync(url, cancellationToken);
    }
}
