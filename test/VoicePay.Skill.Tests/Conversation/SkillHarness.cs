using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// The real skill through the real composition root, against the real sandbox bank over loopback
/// and a SQLite user-state file: only time and configuration are the test's own.
/// </summary>
internal sealed class SkillHarness : IAsyncDisposable
{
    public const string DemoPin = "1234";
    public const string AliceCustomer = "cust-alice";
    private readonly string database;
    private readonly Func<ServiceProvider> build;

    private SkillHarness(SandboxBankServer bank, string database, Func<ServiceProvider> build, ShiftedTime time, LogCapture logs)
    {
        Bank = bank;
        this.database = database;
        this.build = build;
        Services = build();
        Time = time;
        Logs = logs;
    }

    public SandboxBankServer Bank { get; }

    /// <summary>The SQLite user-state file, for tests that scan all of it.</summary>
    public string DatabasePath => database;

    public ServiceProvider Services { get; private set; }

    public ShiftedTime Time { get; }

    public LogCapture Logs { get; }

    public SkillPipeline Pipeline => Services.GetRequiredService<SkillPipeline>();

    public static async Task<SkillHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IServiceProvider, Banking.IPaymentsApi, Banking.IPaymentsApi>? decorateBank = null,
        Action<IServiceCollection>? configure = null,
        string? database = null,
        bool bankOnSkillClock = false)
    {
        var time = new ShiftedTime();
        var bank = await SandboxBankServer.StartAsync(time: bankOnSkillClock ? time : null);
        database ??= Path.Combine(Path.GetTempPath(), $"voicepay-skill-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Settings(bank.BaseAddress))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["VoicePay:Storage:SqlitePath"] = database,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var logs = new LogCapture();
        ServiceProvider Build()
        {
            var services = new ServiceCollection()
                .AddSingleton<TimeProvider>(time)
                .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
                .AddVoicePay(configuration);
            if (decorateBank is not null)
            {
                services.Decorate(decorateBank);
            }

            configure?.Invoke(services);

            return services.BuildServiceProvider();
        }

        var harness = new SkillHarness(bank, database, Build, time, logs);
        Assert.True(VoicePin.TryParse(DemoPin, out var pin));
        await harness.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(Envelopes.UserId), pin, CancellationToken.None);
        return harness;
    }

    /// <summary>Another process of the skill on the same user-state database and bank (the caller disposes it).</summary>
    public ServiceProvider NewProcess() => build();

    /// <summary>A process restart: a new skill on the same user-state database and bank.</summary>
    public async Task RestartSkillAsync()
    {
        await Services.DisposeAsync();
        Services = build();
    }

    public Conversation NewConversation(string locale = "en-US", string? accessToken = "demo-alice-token") =>
        new(this, $"amzn1.echo-api.session.{Guid.NewGuid()}", locale, accessToken);

    /// <summary>Alice's checking balance as the bank's own books have it.</summary>
    public decimal CheckingBalance() =>
        decimal.Parse(Bank.Ledger.GetAccounts(AliceCustomer).Single(a => a.Id == "acc-alice-checking").AvailableBalance, CultureInfo.InvariantCulture);

    public long TransferCount() => Bank.Ledger.Audit().TransferCount;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Bank.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}

internal static class BankDecoration
{
    /// <summary>Wraps the registered payments client, e.g. to lose an answer after the bank acted.</summary>
    public static void Decorate(this IServiceCollection services, Func<IServiceProvider, Banking.IPaymentsApi, Banking.IPaymentsApi> decorate)
    {
        var registration = services.Last(d => d.ServiceType == typeof(Banking.IPaymentsApi));
        services.Add(ServiceDescriptor.Describe(typeof(Banking.IPaymentsApi), sp => decorate(sp, (Banking.IPaymentsApi)(registration.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!))), registration.Lifetime));
        services.Remove(registration);
    }
}

/// <summary>One Alexa session: each turn is an envelope with the same session and user.</summary>
internal sealed class Conversation(SkillHarness harness, string sessionId, string locale, string? accessToken)
{
    public string SessionId => sessionId;

    /// <summary>Whose voice Alexa recognizes in the next turns (<c>context.System.person.personId</c>); null: nobody's.</summary>
    public string? PersonId { get; set; }

    public Task<SkillResponse> Launch() => Send(Envelopes.Launch(locale, accessToken));

    public Task<SkillResponse> Intent(string name, IReadOnlyDictionary<string, string?>? slots = null, string confirmation = ConfirmationStatuses.None, string dialogState = DialogStates.InProgress) =>
        Send(Envelopes.Intent(name, slots, locale, accessToken, dialogState, confirmation, sessionId));

    public Task<SkillResponse> SendMoney(string? amount, string? payee, string? cents = null, string? account = null) =>
        Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = amount, [SlotNames.Cents] = cents, [SlotNames.Payee] = payee, [SlotNames.Account] = account }, dialogState: DialogStates.Started);

    public Task<SkillResponse> Confirm(bool yes = true) =>
        Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = "1", [SlotNames.Payee] = "whoever" }, yes ? ConfirmationStatuses.Confirmed : ConfirmationStatuses.Denied);

    public Task<SkillResponse> Pin(string? pin) =>
        Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = pin });

    /// <summary>"Yes" outside a dialog directive (AMAZON.YesIntent).</summary>
    public Task<SkillResponse> Yes() => Intent(IntentNames.Yes);

    /// <summary>"No" outside a dialog directive (AMAZON.NoIntent).</summary>
    public Task<SkillResponse> No() => Intent(IntentNames.No);

    /// <summary>The answer to "Did you mean A or B?", which Alexa puts in the payee slot it elicited.</summary>
    public Task<SkillResponse> Answer(string payeeSlotValue) =>
        Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Payee] = payeeSlotValue });

    public Task<SkillResponse> Send(SkillRequest request)
    {
        request.Session!.SessionId = sessionId;
        request.Context!.System!.Person = PersonId is null ? null : new Alexa.Requests.Person { PersonId = PersonId };

        // Alexa stamps a request when it sends it; here the skill's (shiftable) clock stands for Alexa's.
        request.Request.Timestamp = harness.Time.GetUtcNow();
        return harness.Pipeline.HandleAsync(request, CancellationToken.None);
    }
}

/// <summary>The system clock, moved forward on demand (timers stay real, so HTTP timeouts still work).</summary>
internal sealed class ShiftedTime : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>Every log line the skill writes, with its arguments, to prove secrets never reach them.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            capture.Lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
        }
    }
}
