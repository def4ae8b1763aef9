using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VoicePay.Payments;

namespace VoicePay.Host.Health;

/// <summary>
/// The payments API answers: an unauthenticated <c>GET v1/accounts</c> must get the contract's 401 (or a 2xx).
/// It goes around the payments client on purpose: a probe must not count towards the client's circuit breaker or
/// retry, and it carries no user's token.
/// </summary>
internal sealed class BankHealthCheck(IHttpClientFactory clients, IOptions<PaymentsClientOptions> options) : IHealthCheck
{
    public const string HttpClientName = "VoicePay.Health.Bank";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.BaseUrl is not { IsAbsoluteUri: true } baseUrl)
        {
            return HealthCheckResult.Unhealthy("VoicePay:Payments:BaseUrl is not set.");
        }

        var accounts = new Uri(new Uri(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/"), "v1/accounts");
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(accounts, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.StatusCode == HttpStatusCode.Unauthorized || response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"The bank answered HTTP {status}.")
                : status >= 500
                    ? HealthCheckResult.Unhealthy($"The bank answered HTTP {status}.")
                    : HealthCheckResult.Degraded($"The bank answered HTTP {status}, not the 401 its contract promises without a token.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The bank did not answer: {ex.GetType().Name}.", ex);
        }
    }
}
