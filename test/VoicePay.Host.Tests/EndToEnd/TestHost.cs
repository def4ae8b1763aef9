using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Security;
using VoicePay.Composition;
using VoicePay.Payments;
using VoicePay.Sandbox;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>
/// The real host, built the way Program.cs builds it (slim builder, AddVoicePayHost, MapVoicePayHost),
/// on Kestrel at a free loopback port, with its databases in a temporary folder.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string SkillId = LocalDefaults.SkillId;

    private readonly WebApplication _app;
    private readonly string _folder;

    private TestHost(WebApplication app, string folder, SandboxBankServer? bank, StaticChainFetcher fetcher, BankCallCounter bankCalls)
    {
        _app = app;
        _folder = folder;
        Bank = bank;
        Fetcher = fetcher;
        BankCalls = bankCalls;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BaseAddress = new Uri((address ?? "http://127.0.0.1:9").TrimEnd('/') + "/");
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public WebApplication App => _app;

    /// <summary>The separate sandbox bank, when <see cref="HostSettings.SeparateBank"/>.</summary>
    public SandboxBankServer? Bank { get; }

    public StaticChainFetcher Fetcher { get; }

    public BankCallCounter BankCalls { get; }

    public static async Task<TestHost> StartAsync(HostSettings settings)
    {
        var folder = Directory.CreateTempSubdirectory("voicepay-host-tests-").FullName;
        var bank = settings.SeparateBank ? await SandboxBankServer.StartAsync() : null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                EnvironmentName = settings.EnvironmentName,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.WebHost.UseUrls(settings.Url);
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:SkillId"] = SkillId,
                ["VoicePay:Alexa:VerifyRequests"] = settings.VerifyRequests ? "true" : "false",
                ["VoicePay:Sandbox:Enabled"] = settings.SandboxInHost ? "true" : "false",
                ["VoicePay:Sandbox:SqlitePath"] = Path.Combine(folder, "sandbox-bank.db"),

                // Nothing listens on the discard port: without a separate bank the skill must not need one.
                ["VoicePay:Payments:BaseUrl"] = bank is null ? "http://127.0.0.1:9/" : (settings.BankAddress?.Invoke(bank.BaseAddress) ?? bank.BaseAddress).AbsoluteUri,
                ["VoicePay:Storage:Provider"] = StorageProviders.Sqlite,
                ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
                ["VoicePay:Pin:Pepper"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["VoicePay:PinKey:LocalKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["VoicePay:Pin:RequiredForBalance"] = "false",
            });
            builder.Configuration.AddInMemoryCollection(settings.Configuration ?? new Dictionary<string, string?>());
            builder.AddVoicePayHost();

            var verification = new AlexaVerificationOptions { SkillId = SkillId };
            verification.TrustedRoots.Add(TestPki.Root);
            var fetcher = new StaticChainFetcher(TestPki.ChainPem);
            builder.Services.Replace(ServiceDescriptor.Singleton(verification));
            builder.Services.Replace(ServiceDescriptor.Singleton<ICertificateChainFetcher>(fetcher));

            var bankCalls = new BankCallCounter();
            builder.Services.AddHttpClient(PaymentsApiClient.HttpClientName).AddHttpMessageHandler(bankCalls.CreateHandler);
            settings.Services?.Invoke(builder.Services);

            var app = builder.Build();
            app.MapVoicePayHost();
            await app.StartAsync();
            return new TestHost(app, folder, bank, fetcher, bankCalls);
        }
        catch
        {
            if (bank is not null)
            {
                await bank.DisposeAsync();
            }

            DeleteFolder(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Bank is not null)
        {
            await Bank.DisposeAsync();
        }

        DeleteFolder(_folder);
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned up by the OS eventually.
        }
    }
}
