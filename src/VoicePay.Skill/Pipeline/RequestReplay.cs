using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Pipeline;

/// <summary>
/// Request idempotency at the edge (docs/architecture.md): the first delivery of a request id claims it, runs, and
/// keeps its answer's bytes for <see cref="ReplayOptions.Window"/>; any later delivery gets those bytes and runs nothing.
/// </summary>
/// <remarks>
/// A repeat that arrives while the first still runs polls for the answer up to <see cref="ReplayOptions.Wait"/>. If none
/// comes (the first is slow, or its process died), it says "I'm still working on that" and does nothing: a claim without
/// an answer is never run again, because nothing proves its first delivery did not act. Such a claim expires with the
/// window, and request verification refuses the request from then on.
/// </remarks>
public sealed partial class RequestReplay(IHandledRequests store, IOptions<ReplayOptions> options, TimeProvider time, ILogger<RequestReplay> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// False for the one request that needs no claim: a launch without an access token. It loads and saves no
    /// conversation, its answer is the same welcome every time, and its one effect, removing an alert link older
    /// than the request (<see cref="AccountLinkInterceptor"/>), is the same however often it comes. Not claiming
    /// it keeps a store write off the most common cold path (bench/README.md).
    /// </summary>
    public static bool CanAct(HandlerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Request is not LaunchRequest || input.AccessToken is not null;
    }

    public async Task<ReplayClaim> ClaimAsync(SkillRequest request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Request.RequestId is not { Length: > 0 } requestId)
        {
            // Nothing names a repeat of it; it runs like any request (Alexa always sends an id).
            return ReplayClaim.Untracked;
        }

        var now = time.GetUtcNow();
        var found = await store.TryClaimRequestAsync(userId, requestId, now, ExpiresAt(request, now), cancellationToken);
        if (found is null)
        {
            return ReplayClaim.Claimed;
        }

        var response = found.Response ?? await WaitForResponseAsync(userId, requestId, cancellationToken);
        if (response is null)
        {
            LogStillRunning(logger, requestId);
            return ReplayClaim.StillRunning;
        }

        LogReplayed(logger, requestId);
        return new ReplayClaim(ReplayOutcome.Answered, response);
    }

    /// <summary>
    /// Keeps the answer of a claimed request. Not cancelled by the turn's deadline: a retry after a timeout must find it.
    /// A failure is logged, not thrown: the person still gets this answer, and a repeat finds the claim without an answer.
    /// </summary>
    public async Task SaveAsync(SkillRequest request, string userId, byte[] response)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await store.SaveResponseAsync(userId, request.Request.RequestId!, response, ExpiresAt(request, time.GetUtcNow()), CancellationToken.None);
        }
#pragma warning disable CA1031 // Any store failure: the answer below is still true and still sent.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSaveFailed(logger, ex.GetType().Name, request.Request.RequestId, ex);
        }
    }

    /// <summary>
    /// The window runs from the later of now and the request's timestamp (capped at one window ahead, so a nonsense
    /// timestamp cannot keep a record for long): verification accepts a replay until its timestamp plus the tolerance.
    /// </summary>
    private DateTimeOffset ExpiresAt(SkillRequest request, DateTimeOffset now)
    {
        var window = options.Value.Window;
        var stamped = request.Request.Timestamp;
        var from = stamped > now ? (stamped < now + window ? stamped : now + window) : now;
        return from + window;
    }

    private async Task<byte[]?> WaitForResponseAsync(string userId, string requestId, CancellationToken cancellationToken)
    {
        // Real time, not the skill's clock: this waits for another delivery's work, which runs in real time.
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (Stopwatch.GetElapsedTime(started) < options.Value.Wait)
            {
                await Task.Delay(PollInterval, cancellationToken);
                if ((await store.FindRequestAsync(userId, requestId, time.GetUtcNow(), cancellationToken))?.Response is { } response)
                {
                    return response;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The turn's own deadline came first: answer without the first delivery's response.
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} was handled before: answering with the kept response")]
    private static partial void LogReplayed(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} is still being handled by its first delivery (or that delivery died): answering without acting")]
    private static partial void LogStillRunning(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The response to request {RequestId} could not be kept ({ExceptionType}); a replay will be answered without acting")]
    private static partial void LogSaveFailed(ILogger logger, string exceptionType, string? requestId, Exception exception);
}

public enum ReplayOutcome
{
    /// <summary>This delivery runs the request and keeps its answer.</summary>
    Claimed,

    /// <summary>The request has no id, or cannot act (<see cref="RequestReplay.CanAct"/>): it runs, and nothing is kept.</summary>
    Untracked,

    /// <summary>Handled before: <see cref="ReplayClaim.Response"/> is the answer, byte for byte.</summary>
    Answered,

    /// <summary>Another delivery holds the claim and has not answered within the wait.</summary>
    StillRunning,
}

public readonly record struct ReplayClaim(ReplayOutcome Outcome, byte[]? Response)
{
    public static ReplayClaim Claimed => new(ReplayOutcome.Claimed, null);

    public static ReplayClaim Untracked => new(ReplayOutcome.Untracked, null);

    public static ReplayClaim StillRunning => new(ReplayOutcome.StillRunning, null);
}
