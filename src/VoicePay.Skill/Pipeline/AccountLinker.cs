using Microsoft.Extensions.Logging;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;

namespace VoicePay.Skill.Pipeline;

/// <summary>
/// Links an Alexa user to the bank customer their access token belongs to, so that the bank's alerts for
/// that customer reach them. Used by the account-linked event and by the first launch with a token.
/// </summary>
public sealed partial class AccountLinker(IPaymentsApi payments, TimeProvider time, ILogger<AccountLinker> logger, IAlertStore store)
{
    /// <summary>True when the link is stored; false (logged) when the bank could not say whose token it is.</summary>
    public async Task<bool> LinkAsync(string userId, string accessToken, CancellationToken cancellationToken)
    {
        var customer = await payments.GetCustomerAsync(accessToken, cancellationToken);
        if (customer.Value is not { } found)
        {
            LogNoCustomer(logger, customer.Error ?? BankError.Unavailable);
            return false;
        }

        await store.LinkAsync(userId, found.Id, time.GetUtcNow(), cancellationToken);
        LogLinked(logger);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked the person to their bank customer for alerts")]
    private static partial void LogLinked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not link the person for alerts: the bank answered {BankError} for their token")]
    private static partial void LogNoCustomer(ILogger logger, BankError bankError);
}
