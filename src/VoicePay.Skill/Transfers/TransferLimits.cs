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
