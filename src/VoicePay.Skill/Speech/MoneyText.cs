using System.Globalization;
using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Speech;

/// <summary>
/// Money as Alexa should read it and cards should show it: "$1,234.50", "£20.00". Alexa's
/// text-to-speech reads these naturally in en-US and en-GB ("twenty pounds"). Culture-free so
/// it works under invariant globalization in the AOT Lambda.
/// </summary>
public static class MoneyText
{
    public static string Format(Money money)
    {
        var digits = Math.Abs(money.Amount).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var sign = money.Amount < 0 ? "-" : string.Empty;
        return money.Currency switch
        {
            "USD" => $"{sign}${digits}",
            "GBP" => $"{sign}£{digits}",
            "EUR" => $"{sign}€{digits}",
            _ => $"{sign}{digits} {money.Currency}",
        };
    }

    /// <summary>The currency a locale's amounts are spoken in, when the bank does not say.</summary>
    public static string CurrencyFor(string? locale) => locale switch
    {
        "en-GB" => "GBP",
        _ => "USD",
    };
}
