using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Composition;
using VoicePay.Composition.Options;
using VoicePay.Sandbox;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Cli;

/// <summary>The same composition root as the host and the Lambda, on local defaults that environment variables can override.</summary>
internal static class LocalServices
{
    /// <summary>
    /// The skill's services, every options section checked first: a bad value (<c>VoicePay__Pin__MaxAttempts=0</c>)
    /// is one line naming the key and exit code 2, like any other mistake a person can fix.
    /// </summary>
    public static ServiceProvider Build(string dataFolder, Uri? paymentsBaseUrl = null, TextWriter? log = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ServiceProvider? services = null;
        try
        {
            services = new ServiceCollection()
                .AddLogging(b => b.AddProvider(new OneLineLogger(log ?? TextWriter.Null)).SetMinimumLevel(LogLevel.Warning))
                .AddVoicePay(Configuration(dataFolder, paymentsBaseUrl, settings))
                .BuildServiceProvider();
            services.ValidateVoicePayOptions();
            return services;
        }
        catch (VoicePayConfigurationException ex)
        {
            services?.Dispose();
            throw new UserErrorException($"configuration: {ex.Message}", ex);
        }
    }

    /// <summary>The skill ID the local skill checks, so simulated requests carry the same one.</summary>
    public static string SkillId(string dataFolder)
    {
        try
        {
            return VoicePayOptions.Section<SkillOptions>().Read(Configuration(dataFolder, paymentsBaseUrl: null)).SkillId;
        }
        catch (VoicePayConfigurationException ex)
        {
            throw new UserErrorException($"configuration: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Without a bank of its own (the PIN commands never call one) the bank is the local host's sandbox, where a
    /// call would go: every section, the bank's included, is then valid and checked the same way.
    /// </summary>
    private static IConfiguration Configuration(string dataFolder, Uri? paymentsBaseUrl, IReadOnlyDictionary<string, string?>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Settings(paymentsBaseUrl ?? new Uri(LocalDefaults.HostUrl + "/sandbox/"), dataFolder))
            .AddEnvironmentVariables()

            // A conversation script's own settings (@setting) come last: the script says what it shows.
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
}

/// <summary>
/// The skill and the sandbox bank in this process, on the shared local data folder (or a
/// temporary one for scripts): what <c>voicepay invoke</c> and <c>voicepay chat</c> talk to
/// without a running host.
/// </summary>
internal sealed class LocalSkill : IAsyncDisposable
{
    private readonly string? temporaryFolder;

    private LocalSkill(SandboxBankServer bank, ServiceProvider services, string dataFolder, string? temporaryFolder)
    {
        Bank = bank;
        Services = services;
        DataFolder = dataFolder;
        this.temporaryFolder = temporaryFolder;
    }

    public SandboxBankServer Bank { get; }

    public ServiceProvider Services { get; }

    public string DataFolder { get; }

    /// <summary>Starts the bank and the skill on <c>dataFolder</c> (null: a fresh temporary folder, removed on dispose); warnings go to <c>log</c>, one line each.</summary>
    public static async Task<LocalSkill> StartAsync(string? dataFolder, TextWriter log, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var temporary = dataFolder is null ? Directory.CreateTempSubdirectory("voicepay-chat-").FullName : null;
        var folder = dataFolder ?? temporary!;
        Directory.CreateDirectory(folder);
        var bank = await SandboxBankServer.StartAsync(
            configure: o => o.ConnectionString = $"Data Source={LocalDefaults.SandboxBankPath(folder)}",
            cancellationToken: cancellationToken);
        var services = LocalServices.Build(folder, bank.BaseAddress, log, settings);
        await LocalDefaults.EnrollDemoPinAsync(services.GetRequiredService<VoicePinVerifier>(), cancellationToken);
        return new LocalSkill(bank, services, folder, temporary);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Bank.DisposeAsync();
        if (temporaryFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(temporaryFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open; the OS cleans its temporary folder.
            }
        }
    }
}

/// <summary>Warnings as one line each ("warn: category: message"), never a stack trace: the CLI is for people.</summary>
internal sealed class OneLineLogger(TextWriter writer) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var reason = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
        lock (writer)
        {
            writer.WriteLine($"{(logLevel >= LogLevel.Error ? "error" : "warn")}: {formatter(state, exception)}{reason}");
        }
    }

    public void Dispose()
    {
    }
}
