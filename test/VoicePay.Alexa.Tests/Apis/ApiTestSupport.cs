using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Apis.LoginWithAmazon;
using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Testing.Amazon;

namespace VoicePay.Alexa.Tests.Apis;

/// <summary>
/// The clock the clients see: "now" moves on demand, and every wait the client asks for is recorded and
/// then ends at once, so a test can check the backoff it chose without sitting through it.
/// </summary>
internal sealed class RecordingTime : TimeProvider
{
    private long offsetTicks;

    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}

/// <summary>Every log line with its arguments, to prove no secret or token reaches a log.</summary>
internal sealed class LogLines<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        Lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
    }
}

/// <summary>The two clients wired to the loopback fakes, as AddAlexaNotifications wires them to Amazon.</summary>
internal sealed class Clients : IDisposable
{
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public Clients(FakeAmazonApis fakes, Action<ProactiveEventsOptions>? configure = null)
    {
        Options = new ProactiveEventsOptions
        {
            ClientId = fakes.Lwa.ClientId,
            ClientSecret = fakes.Lwa.ClientSecret,
            Endpoint = fakes.BaseAddress,
            TokenEndpoint = fakes.TokenEndpoint,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(Options);
        Assert.True(new ProactiveEventsOptionsValidator().Validate(null, Options).Succeeded);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Tokens = new LwaTokenClient(http, options, Time, TokenLogs);
        Events = new ProactiveEventsClient(http, Tokens, options, Time, EventLogs);
    }

    public ProactiveEventsOptions Options { get; }

    public RecordingTime Time { get; } = new();

    public LogLines<LwaTokenClient> TokenLogs { get; } = new();

    public LogLines<ProactiveEventsClient> EventLogs { get; } = new();

    public LwaTokenClient Tokens { get; }

    public ProactiveEventsClient Events { get; }

    public IEnumerable<string> AllLogLines => TokenLogs.Lines.Concat(EventLogs.Lines);

    public Task<ProactiveEventOutcome> Send(string referenceId = "evt-1", bool urgent = false, string user = "amzn1.ask.account.ALICE") =>
        Events.SendAsync(new MessageAlert(user, referenceId, urgent, Time.GetUtcNow()), CancellationToken.None);

    public void Dispose()
    {
        Tokens.Dispose();
        http.Dispose();
    }
}
