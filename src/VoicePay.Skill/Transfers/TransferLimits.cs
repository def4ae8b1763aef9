using System.Globalization;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Limits set by configuration (VoicePay:Limits), in units of the paying account's currency:
/// a person banks in one currency, and the sandbox seeds USD and GBP customers alike.
/// </summary>
public sealed class TransferLimits
{
    public decimal PerTransfer { get; set; } = 1_000m;

    public decimal Daily { get; set; } = 2_000m;

    public Money PerTransferIn(string currency) => new(PerTransfer, currency);

    public Money DailyIn(string currency) => new(Daily, currency);
}

/// <summary>Both limits positive, and no single transfer allowed that the day's limit would refuse.</summary>
public sealed class TransferLimitsValidator : IValidateOptions<TransferLimits>
{
    public ValidateOptionsResult Validate(string? name, TransferLimits options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PerTransfer <= 0)
        {
            failures.Add("TransferLimits.PerTransfer must be more than 0.");
        }

        if (options.Daily <= 0)
        {
            failures.Add("TransferLimits.Daily must be more than 0.");
        }

        if (options.PerTransfer > options.Daily)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"TransferLimits.PerTransfer ({options.PerTransfer}) must not be more than TransferLimits.Daily ({options.Daily})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
