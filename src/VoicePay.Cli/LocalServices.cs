using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Security;

namespace VoicePay.Cli;

/// <summary>The same composition root as the host and the Lambda, on local defaults that environment variables can override.</summary>
internal static class LocalServices
{
    public static ServiceProvider Build(string dataFolder, Uri? paymentsBaseUrl = null, TextWriter? log = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Settings(paymentsBaseUrl, dataFolder))
            .AddEnvironmentVariables()
            .Build();
        return new ServiceCollection()
            .AddLogging(b => b.AddProvider(new OneLineLogger(log ?? TextWriter.Null)).SetMinimumLevel(LogLevel.Warning))
            .AddVoicePay(configuration)
            .BuildServiceProvider();
    }
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
    public static async Task<LocalSkill> StartAsync(string? dataFolder, TextWriter log, CancellationToken cancellationToken)
    {
        var temporary = dataFolder is null ? Directory.CreateTempSubdirectory("voicepay-chat-").FullName : null;
        var folder = dataFolder ?? temporary!;
        Directory.CreateDirectory(folder);
        var bank = await SandboxBankServer.StartAsync(
            configure: o => o.ConnectionString = $"Data Source={LocalDefaults.SandboxBankPath(folder)}",
            cancellationToken: cancellationToken);
        var services = LocalServices.Build(folder, bank.BaseAddress, log);
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
