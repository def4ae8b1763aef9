using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Benchmarks;

/// <summary>
/// The real skill through the real composition root (LocalDefaults plus the benchmark's settings),
/// with user state in a temporary SQLite file and, when asked, the sandbox bank on a loopback port.
/// The demo PIN is enrolled, so PIN turns verify against a real PBKDF2 hash.
/// </summary>
internal sealed class SkillHost : IAsyncDisposable
{
    // Never contacted: benchmarks without a bank send no access token, so no handler calls it.
    private static readonly Uri NoBank = new("http://127.0.0.1:9/");

    private readonly ServiceProvider services;
    private readonly string database;

    private SkillHost(ServiceProvider services, string database, SandboxBankServer? bank)
    {
        this.services = services;
        this.database = database;
        Bank = bank;
    }

    public SandboxBankServer? Bank { get; }

    public SkillPipeline Pipeline => services.GetRequiredService<SkillPipeline>();

    public static async Task<SkillHost> StartAsync(bool withBank, IReadOnlyDictionary<string, string?> settings)
    {
        var bank = withBank ? await SandboxBankServer.StartAsync() : null;
        var database = Path.Combine(Path.GetTempPath(), $"voicepay-bench-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Settings(bank?.BaseAddress ?? NoBank))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:Storage:SqlitePath"] = database,
            })
            .AddInMemoryCollection(settings)
            .Build();

        // Logging without providers: the skill's log calls stay in, writing them out does not.
        var provider = new ServiceCollection()
            .AddLogging()
            .AddVoicePay(configuration)
            .BuildServiceProvider();

        if (!VoicePin.TryParse(LocalDefaults.DemoPin, out var pin))
        {
            throw new InvalidOperationException("The demo PIN does not parse.");
        }

        await provider.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(LocalDefaults.DemoUserId), pin, CancellationToken.None);
        return new SkillHost(provider, database, bank);
    }

    /// <summary>
    /// Runs the benchmark's first operation as a check; on failure the host is disposed before the
    /// error surfaces, since BenchmarkDotNet runs no clean-up after a failed set-up.
    /// </summary>
    public async Task<SkillHost> CheckedWith(Func<SkillPipeline, Task> firstOperation)
    {
        try
        {
            await firstOperation(Pipeline);
            return this;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (Bank is not null)
        {
            await Bank.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}
