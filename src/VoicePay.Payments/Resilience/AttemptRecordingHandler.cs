using System.Net;

namespace VoicePay.Payments.Resilience;

/// <summary>
/// Sits under the resilience pipeline, so it sees every attempt, and notes whether the bank may have
/// acted on it. Only failures to connect prove a request never left; a 503 or 429 is the bank
/// saying it did nothing; anything else (timeouts, resets, 500s) may follow a completed transfer.
/// </summary>
internal sealed class AttemptRecordingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(AttemptLog.Key, out var log);
        if (log is null || cancellationToken.IsCancellationRequested)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception) when (NeverSent(exception))
        {
            log.Record(mayHaveActed: false);
            throw;
        }
        catch
        {
            log.Record(mayHaveActed: true);
            throw;
        }

        log.Record(mayHaveActed: response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests));
        return response;
    }

    private static bool NeverSent(HttpRequestException exception) => exception.HttpRequestError is
        HttpRequestError.ConnectionError or
        HttpRequestError.NameResolutionError or
        HttpRequestError.SecureConnectionError or
        HttpRequestError.ProxyTunnelError;
}
