using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoicePay.Testing.Amazon;

/// <summary>
/// Login with Amazon, the Proactive Events API, the directive service, AWS KMS and SSM, on one real Kestrel server on
/// 127.0.0.1. Each checks every request against Amazon's documented shape; any departure is recorded in
/// <see cref="Violations"/> (which a test asserts is empty) and answered 400. Unknown paths are violations too.
/// </summary>
public sealed class FakeAmazonApis : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeAmazonApis(WebApplication app, Uri baseAddress, string clientId, string clientSecret)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Lwa = new LoginWithAmazonFake(Violations, clientId, clientSecret);
        Events = new ProactiveEventsFake(Violations, Lwa);
        Directives = new DirectiveServiceFake(Violations);
        Kms = new KmsFake(Violations);
        Ssm = new SsmFake(Violations);
    }

    public const string TestClientId = "amzn1.application-oa2-client.fake";
    public const string TestClientSecret = "fake-client-secret-do-not-log";

    /// <summary>e.g. http://127.0.0.1:49731/ — the apiEndpoint and the events endpoint.</summary>
    public Uri BaseAddress { get; }

    public Uri TokenEndpoint => new(BaseAddress, "auth/o2/token");

    public ConcurrentQueue<string> Violations { get; } = new();

    public LoginWithAmazonFake Lwa { get; }

    public ProactiveEventsFake Events { get; }

    public DirectiveServiceFake Directives { get; }

    /// <summary>AWS KMS's JSON 1.1 API at <c>POST /</c> (set <c>VoicePay:PinKey:KmsServiceUrl</c> to <see cref="BaseAddress"/>).</summary>
    public KmsFake Kms { get; }

    /// <summary>AWS Systems Manager's <c>GetParameter</c> at <c>POST /</c>, told from KMS by its X-Amz-Target.</summary>
    public SsmFake Ssm { get; }

    public static async Task<FakeAmazonApis> StartAsync(string clientId = TestClientId, string clientSecret = TestClientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        FakeAmazonApis? fakes = null;
        app.Run(context => fakes!.RouteAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fakes = new FakeAmazonApis(app, new Uri(address.TrimEnd('/') + "/"), clientId, clientSecret);
        return fakes;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RouteAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            Violations.Enqueue($"{context.Request.Method} {path}: only POST is documented");
            context.Response.StatusCode = 405;
            return;
        }

        switch (path)
        {
            case "/auth/o2/token":
                await Lwa.HandleAsync(context, body);
                break;
            case ProactiveEventsFake.DevelopmentPath or ProactiveEventsFake.LivePath:
                await Events.HandleAsync(context, body);
                break;
            case "/v1/directives":
                await Directives.HandleAsync(context, body);
                break;
            case "/" when context.Request.Headers["X-Amz-Target"].ToString().StartsWith("AmazonSSM.", StringComparison.Ordinal):
                await Ssm.HandleAsync(context, body);
                break;
            case "/":
                await Kms.HandleAsync(context, body);
                break;
            default:
                Violations.Enqueue($"POST {path}: no such Amazon API");
                context.Response.StatusCode = 404;
                break;
        }
    }
}
