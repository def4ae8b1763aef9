using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Sandbox;

/// <summary>
/// The sandbox bank on its own Kestrel server, for tests, benchmarks and local runs.
/// Unless configured otherwise the ledger lives in a temporary SQLite file removed on dispose.
/// </summary>
public sealed class SandboxBankServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _temporaryDatabase;

    private SandboxBankServer(WebApplication app, Uri baseAddress, string? temporaryDatabase)
    {
        _app = app;
        BaseAddress = baseAddress;
        _temporaryDatabase = temporaryDatabase;
    }

    /// <summary>Where the bank listens, e.g. http://127.0.0.1:49731/.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The bank's books, for checks such as "money moved exactly once".</summary>
    public SandboxLedger Ledger => _app.Services.GetRequiredService<SandboxLedger>();

    /// <summary>Starts the bank. Use port 0 (the default) to get a free loopback port.</summary>
    public static async Task<SandboxBankServer> StartAsync(
        string url = "http://127.0.0.1:0",
        Action<SandboxBankOptions>? configure = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"voicepay-sandbox-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            // The bank's clock (code expiry, transfer deadlines) for tests that move time.
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSandboxBank(options =>
        {
            options.ConnectionString = $"Data Source={temporary}";
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapSandboxBank();
        var usesTemporary = app.Services.GetRequiredService<IOptions<SandboxBankOptions>>().Value.ConnectionString.Contains(temporary, StringComparison.Ordinal);

        // Create and seed the books before the first request, so start-up errors surface here.
        _ = app.Services.GetRequiredService<SandboxLedger>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxBankServer(app, new Uri(address.TrimEnd('/') + "/"), usesTemporary ? temporary : null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_temporaryDatabase is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection($"Data Source={_temporaryDatabase}"));
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_temporaryDatabase + suffix);
            }
        }
    }
}
