using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Apis.LoginWithAmazon;

namespace VoicePay.Alexa.Apis.ProactiveEvents;

/// <summary>
/// Sends <c>AMAZON.MessageAlert.Activated</c> events to the Proactive Events API (docs/alerts.md has the policy):
/// 202 → Accepted; 400/404 and other 4xx → Rejected; 403 (and 401) → the token is dropped and fetched once
/// again; 429, 5xx, timeouts and lost connections → exponential backoff honouring Retry-After, within
/// <see cref="ProactiveEventsOptions.MaxAttempts"/> and <see cref="ProactiveEventsOptions.TotalTimeout"/>; then RetryLater.
/// Waits run on <see cref="TimeProvider"/>; each attempt's deadline on the real clock.
/// </summary>
public sealed partial class ProactiveEventsClient(
    HttpClient http,
    LwaTokenClient tokens,
    IOptions<ProactiveEventsOptions> options,
    TimeProvider time,
    ILogger<ProactiveEventsClient> logger)
{
    public const string HttpClientName = "VoicePay.Alexa.ProactiveEvents";
    public const string MessageAlertEventName = "AMAZON.MessageAlert.Activated";

    public async Task<ProactiveEventOutcome> SendAsync(MessageAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(alert.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(alert.ReferenceId);
        var settings = options.Value;
        var started = time.GetUtcNow();

        // One body for every attempt: the same referenceId, timestamp and expiry each time.
        var body = JsonSerializer.SerializeToUtf8Bytes(Build(alert, started, settings), AlexaApisJsonContext.Default.ProactiveEventRequest);
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(body, settings, cancellationToken).ConfigureAwait(false);
            switch (result.Kind)
            {
                case AttemptKind.Accepted:
                    LogAccepted(logger, alert.ReferenceId, attempt);
                    return ProactiveEventOutcome.Accepted;
                case AttemptKind.Rejected:
                    LogRejected(logger, alert.ReferenceId, result.Status);
                    return ProactiveEventOutcome.Rejected;
                case AttemptKind.GiveUp:
                    return ProactiveEventOutcome.RetryLater;
                case AttemptKind.TokenRefused when refreshed:
                    LogGaveUp(logger, alert.ReferenceId, attempt, "403 after a new token");
                    return ProactiveEventOutcome.RetryLater;
                case AttemptKind.TokenRefused:
                    // A token revoked or expired early: one new token, at once.
                    refreshed = true;
                    tokens.Invalidate(result.Token!);
                    if (attempt >= settings.MaxAttempts)
                    {
                        LogGaveUp(logger, alert.ReferenceId, attempt, "attempt limit");
                        return ProactiveEventOutcome.RetryLater;
                    }

                    continue;
            }

            if (attempt >= settings.MaxAttempts)
            {
                LogGaveUp(logger, alert.ReferenceId, attempt, "attempt limit");
                return ProactiveEventOutcome.RetryLater;
            }

            var wait = Backoff(attempt, settings);
            if (result.RetryAfter is { } asked)
            {
                if (asked > settings.MaxRetryAfter)
                {
                    LogGaveUp(logger, alert.ReferenceId, attempt, "Retry-After beyond MaxRetryAfter");
                    return ProactiveEventOutcome.RetryLater;
                }

                wait = asked;
            }

            if (time.GetUtcNow() - started + wait + settings.AttemptTimeout > settings.TotalTimeout)
            {
                LogGaveUp(logger, alert.ReferenceId, attempt, "time limit");
                return ProactiveEventOutcome.RetryLater;
            }

            LogRetrying(logger, alert.ReferenceId, attempt, result.Status, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential: base, 2×base, 4×base … capped.</summary>
    internal static TimeSpan Backoff(int attempt, ProactiveEventsOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>
    /// The wire body. The timestamp is when the event happened, moved forward if needed so that the expiry
    /// (now + <see cref="ProactiveEventsOptions.Expiry"/>) stays within Amazon's 24 hours of it, and never later than now.
    /// </summary>
    internal static ProactiveEventRequest Build(MessageAlert alert, DateTimeOffset now, ProactiveEventsOptions settings)
    {
        var expiry = now + settings.Expiry;
        var earliest = expiry - TimeSpan.FromHours(24);
        var timestamp = alert.OccurredAt > now ? now : alert.OccurredAt < earliest ? earliest : alert.OccurredAt;
        return new ProactiveEventRequest(
            Format(timestamp),
            alert.ReferenceId,
            Format(expiry),
            new ProactiveEvent(
                MessageAlertEventName,
                new MessageAlertPayload(
                    new MessageAlertState("UNREAD", "NEW"),
                    new MessageGroup(new MessageCreator(settings.CreatorName), 1, alert.Urgent ? "URGENT" : null))),
            new RelevantAudience("Unicast", new UnicastAudience(alert.UserId)));
    }

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<Attempt> AttemptAsync(byte[] body, ProactiveEventsOptions settings, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AlexaApiUnavailableException ex)
        {
            // Wrong credentials will not fix themselves within this call; an unreachable LWA might.
            return ex.Transient ? new Attempt(AttemptKind.Transient, (int?)ex.Status ?? 0, null, null) : new Attempt(AttemptKind.GiveUp, (int?)ex.Status ?? 0, null, null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.EventsUri()) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.NoContent => new Attempt(AttemptKind.Accepted, status, null, token),
                HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new Attempt(AttemptKind.TokenRefused, status, null, token),
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new Attempt(AttemptKind.Transient, status, RetryAfter(response), token),
                _ when status >= 500 => new Attempt(AttemptKind.Transient, status, RetryAfter(response), token),
                _ => new Attempt(AttemptKind.Rejected, status, null, token),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(AttemptKind.Transient, 0, null, token);
        }
        catch (HttpRequestException)
        {
            return new Attempt(AttemptKind.Transient, 0, null, token);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private enum AttemptKind
    {
        Accepted,
        Rejected,
        TokenRefused,
        Transient,
        GiveUp,
    }

    private sealed record Attempt(AttemptKind Kind, int Status, TimeSpan? RetryAfter, string? Token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {ReferenceId} accepted on attempt {Attempt}")]
    private static partial void LogAccepted(ILogger logger, string referenceId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {ReferenceId} rejected with HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string referenceId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {ReferenceId}: attempt {Attempt} got {Status} (0: no answer), retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string referenceId, int attempt, int status, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {ReferenceId} not delivered after {Attempt} attempts ({Reason}); to be retried later")]
    private static partial void LogGaveUp(ILogger logger, string referenceId, int attempt, string reason);
}
