using Microsoft.Extensions.Options;

namespace VoicePay.Payments;

/// <summary>Checks <c>VoicePay:BankEvents</c> at start-up; failures name the key, never its value.</summary>
public sealed class BankEventFeedOptionsValidator : IValidateOptions<BankEventFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, BankEventFeedOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true })
        {
            failures.Add("VoicePay:BankEvents:BaseUrl (or VoicePay:Payments:BaseUrl) must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceKey))
        {
            failures.Add("VoicePay:BankEvents:ServiceKey is required: the bank's service key for the event feed.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add("VoicePay:BankEvents:AttemptTimeout must be positive and within TotalTimeout.");
        }

        if (options.MaxRetries < 0)
        {
            failures.Add("VoicePay:BankEvents:MaxRetries must be zero or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
