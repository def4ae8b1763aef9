using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments.Tests.Support;

/// <summary>A real sandbox bank on a loopback port plus a client wired the way production wires it.</summary>
internal sealed class TestBank : IAsyncDisposable
{
    public const string Alice = SandboxSeed.AliceToken;
    public const string Bob = SandboxSeed.BobToken;
    public const string Oliver = SandboxSeed.GbpToken;
    public const string AliceChecking = "acc-alice-checking";
    public const string AliceSavings = "acc-alice-savings";
    public const string BobChecking = "acc-bob-checking";
    public const string Mom = "payee-mom";

    private readonly List<ServiceProvider> _providers = [];

    private TestBank(SandboxBankServer server) => Server = server;

    public SandboxBankServer Server { get; }

    public static async Task<TestBank> StartAsync(Action<SandboxBankOptions>? configure = null, TimeProvider? time = null)
    {
        var server = await SandboxBankServer.StartAsync(configure: configure, time: time);

        // Warm the endpoints up, so a fault test's short per-attempt timeout measures faults, not first-call JIT.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Alice);
        using var accounts = await http.GetAsync(new Uri("v1/accounts", UriKind.Relative));
        using var noKey = await http.PostAsync(new Uri("v1/transfers", UriKind.Relative), new StringContent("{}"));
        return new(server);
    }

    /// <summary>
    /// A client for this bank. Generous timeouts by default, so a busy machine does not fail happy paths;
    /// fault tests shorten them. The optional handler runs once per attempt, beneath the resilience pipeline.
    /// </summary>
    public IPaymentsApi Client(Action<PaymentsClientOptions>? tweak = null, DelegatingHandler? perAttempt = null, Uri? baseUrl = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddPaymentsApiClient(options =>
        {
            options.BaseUrl = baseUrl ?? Server.BaseAddress;
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromSeconds(20);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            tweak?.Invoke(options);
        });
        if (perAttempt is not null)
        {
            services.AddHttpClient(PaymentsApiClient.HttpClientName).AddHttpMessageHandler(() => perAttempt);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IPaymentsApi>();
    }

    /// <summary>The event feed's client for this bank, wired as production wires it; the key defaults to the bank's.</summary>
    public IBankEventFeed Feed(Action<BankEventFeedOptions>? tweak = null, DelegatingHandler? perAttempt = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddBankEventFeed(options =>
        {
            options.BaseUrl = Server.BaseAddress;
            options.ServiceKey = ServiceKey;
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromSeconds(20);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            tweak?.Invoke(options);
        });
        if (perAttempt is not null)
        {
            services.AddHttpClient(BankEventFeedClient.HttpClientName).AddHttpMessageHandler(() => perAttempt);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IBankEventFeed>();
    }

    public string ServiceKey => Server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxBankOptions>>().Value.ServiceKey;

    /// <summary>POST /v1/sandbox/events with a raw JSON body; the answer as it came.</summary>
    public async Task<HttpResponseMessage> RaiseAsync(string json)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        return await http.PostAsync(new Uri("v1/sandbox/events", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
    }

    /// <summary>A GET with the given bearer token (or none), for checks on status codes the client folds into BankError.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    public static TransferRequest Transfer(decimal amount, string key, string from = AliceChecking, string payee = Mom, string currency = "USD", string? memo = null) =>
        new(from, payee, Money.Of(amount, currency), memo, key);

    public static string NewKey() => Guid.NewGuid().ToString();

    public long TransferCount => Server.Ledger.Audit().TransferCount;

    public async Task<Money> BalanceAsync(string token, string accountId)
    {
        var accounts = await Client().GetAccountsAsync(token, CancellationToken.None);
        return accounts.Value!.Single(a => a.Id == accountId).Current;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
