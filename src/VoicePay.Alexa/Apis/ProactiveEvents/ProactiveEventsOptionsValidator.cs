using Microsoft.Extensions.Options;

namespace VoicePay.Alexa.Apis.ProactiveEvents;

/// <summary>Checks <see cref="ProactiveEventsOptions"/> at start-up, naming the key at fault (never its value: the secret).</summary>
public sealed class ProactiveEventsOptionsValidator : IValidateOptions<ProactiveEventsOptions>
{
    public ValidateOptionsResult Validate(string? name, ProactiveEventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("VoicePay:Alerts:ClientId and VoicePay:Alerts:ClientSecret are required for Alexa notifications.");
        }

        if (options.Endpoint is { } endpoint && !IsHttpsOrLoopback(endpoint))
        {
            failures.Add("VoicePay:Alerts:Endpoint must be an absolute https URL (plain http only on loopback).");
        }

        if (!options.TokenEndpoint.IsAbsoluteUri || !IsHttpsOrLoopback(options.TokenEndpoint))
        {
            failures.Add("VoicePay:Alerts:TokenEndpoint must be an absolute https URL (plain http only on loopback).");
        }

        if (string.IsNullOrWhiteSpace(options.CreatorName))
        {
            failures.Add("VoicePay:Alerts:CreatorName must not be empty.");
        }

        if (options.Expiry < TimeSpan.FromMinutes(5) || options.Expiry > TimeSpan.FromHours(24))
        {
            failures.Add("VoicePay:Alerts:Expiry must be between 00:05:00 and 1.00:00:00 (Amazon's limits).");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add("VoicePay:Alerts:MaxAttempts must be between 1 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxRetryDelay < options.RetryBaseDelay || options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("VoicePay:Alerts:RetryBaseDelay, MaxRetryDelay and MaxRetryAfter must be >= 0, with MaxRetryDelay >= RetryBaseDelay.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("VoicePay:Alerts:AttemptTimeout must be positive and within TotalTimeout.");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("VoicePay:Alerts:TokenRefreshMargin must be >= 0.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpsOrLoopback(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
