using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Apis.ProactiveEvents;

namespace VoicePay.Alexa.Apis.LoginWithAmazon;

/// <summary>
/// Access tokens for the Proactive Events API from Login with Amazon's client-credentials grant
/// (<c>POST /auth/o2/token</c>, form <c>grant_type=client_credentials&amp;client_id&amp;client_secret&amp;scope=alexa::proactive_events</c>;
/// Amazon, "Proactive Events REST API Reference"). One token is shared and cached until shortly before it
/// expires; one fetch runs at a time, and callers waiting meanwhile get its token. Neither the secret nor
/// a token is ever logged or put in an exception.
/// </summary>
public sealed partial class LwaTokenClient(HttpClient http, IOptions<ProactiveEventsOptions> options, TimeProvider time, ILogger<LwaTokenClient> logger) : IDisposable
{
    public const string HttpClientName = "VoicePay.Alexa.LoginWithAmazon";
    public const string Scope = "alexa::proactive_events";

    private readonly SemaphoreSlim fetching = new(1, 1);
    private Cached? cached;

    /// <summary>A valid token: the cached one, or a new one fetched now.</summary>
    /// <exception cref="AlexaApiUnavailableException">Login with Amazon gave none.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched one while this one waited.
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            var next = await FetchAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref cached, next);
            return next.Token;
        }
        finally
        {
            fetching.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the events API refused it with 403), unless a newer one replaced it already.</summary>
    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && string.Equals(current.Token, token, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref cached, null, current);
            LogInvalidated(logger);
        }
    }

    public void Dispose() => fetching.Dispose();

    private string? Fresh()
    {
        var current = Volatile.Read(ref cached);
        return current is not null && time.GetUtcNow() < current.RefreshAt ? current.Token : null;
    }

    private async Task<Cached> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", settings.ClientId),
                new("client_secret", settings.ClientSecret),
                new("scope", Scope),
            ]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.AttemptTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(logger, "timeout");
            throw new AlexaApiUnavailableException("Login with Amazon did not answer in time.", null, transient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            LogFetchFailed(logger, ex.HttpRequestError.ToString());
            throw new AlexaApiUnavailableException("Login with Amazon could not be reached.", null, transient: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The body (an OAuth error) is not read: it can echo the request.
                var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                LogRefused(logger, (int)response.StatusCode);
                throw new AlexaApiUnavailableException($"Login with Amazon refused the token request with HTTP {(int)response.StatusCode}.", response.StatusCode, transient);
            }

            LwaTokenResponse? body;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    body = await JsonSerializer.DeserializeAsync(stream, AlexaApisJsonContext.Default.LwaTokenResponse, deadline.Token).ConfigureAwait(false);
                }
            }
            catch (JsonException ex)
            {
                throw new AlexaApiUnavailableException("Login with Amazon answered with a body that is not a token.", response.StatusCode, transient: true, ex);
            }

            if (body is not { AccessToken.Length: > 0, ExpiresIn: > 0 } || !string.Equals(body.TokenType, "bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new AlexaApiUnavailableException("Login with Amazon answered without a bearer token and its lifetime.", response.StatusCode, transient: true);
            }

            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);

            // Refresh a margin early, but never sooner than halfway through a short-lived token's life.
            var useFor = lifetime - settings.TokenRefreshMargin > lifetime / 2 ? lifetime - settings.TokenRefreshMargin : lifetime / 2;
            LogFetched(logger, body.ExpiresIn);
            return new Cached(body.AccessToken, time.GetUtcNow() + useFor);
        }
    }

    private sealed record Cached(string Token, DateTimeOffset RefreshAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched a Proactive Events access token valid for {ExpiresIn} s")]
    private static partial void LogFetched(ILogger logger, int expiresIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the cached Proactive Events access token after a refusal")]
    private static partial void LogInvalidated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Login with Amazon ({Reason})")]
    private static partial void LogFetchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Login with Amazon refused the token request with HTTP {Status}: check VoicePay:Alerts:ClientId and ClientSecret")]
    private static partial void LogRefused(ILogger logger, int status);
}
