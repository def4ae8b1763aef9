using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoicePay.Alexa.Security;

namespace VoicePay.Host.Health;

/// <summary>
/// Alexa's signing certificate chain can still be downloaded: the last chain URL that passed verification is
/// fetched again (at most every <see cref="RecheckAfter"/>; the answer is remembered in between, so probes do not
/// hammer S3). Before the first verified request there is nothing to fetch, and the check is healthy.
/// </summary>
internal sealed class CertificateChainHealthCheck(AlexaRequestVerifier verifier, ICertificateChainFetcher fetcher, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private (Uri Url, DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = verifier.LastValidatedChainUrl;
        if (url is null)
        {
            return HealthCheckResult.Healthy("No Alexa certificate chain has been needed yet.");
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_last is { } last && last.Url == url && now - last.At < RecheckAfter)
            {
                return last.Result;
            }
        }

        HealthCheckResult result;
        try
        {
            var pem = await fetcher.FetchAsync(url, cancellationToken);
            result = pem.Length > 0
                ? HealthCheckResult.Healthy($"The Alexa certificate chain at {url} downloads.")
                : HealthCheckResult.Unhealthy($"The Alexa certificate chain at {url} is empty.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the fetcher throws, new Alexa requests could not be verified.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = HealthCheckResult.Unhealthy($"The Alexa certificate chain at {url} could not be downloaded: {ex.GetType().Name}.", ex);
        }

        lock (_gate)
        {
            _last = (url, now, result);
        }

        return result;
    }
}
