using System.Globalization;

namespace VoicePay.Skill.Domain;

public enum AmountProblem
{
    None,
    Missing,
    NotANumber,
    NotPositive,
    BadCents,
}

/// <summary>
/// Turns the SendMoneyIntent slots (whole units, optional cents) into <see cref="Money"/>.
/// "5.25" said as digits arrives in the whole-units slot and is accepted with up to two decimals.
/// Alexa sends "?" for a number it could not hear; that is <see cref="AmountProblem.NotANumber"/>.
/// Cents alone ("fifty cents") are an amount under one unit; "minus five" arrives as "-5" and is
/// <see cref="AmountProblem.NotPositive"/>.
/// </summary>
public static class SpokenAmount
{
    // Larger amounts are absurd for a voice payment and would only overflow later arithmetic.
    private const decimal Ceiling = 1_000_000_000m;

    public static (Money? Amount, AmountProblem Problem) Parse(string? whole, string? cents, string currency)
    {
        if (string.IsNullOrWhiteSpace(whole))
        {
            if (string.IsNullOrWhiteSpace(cents))
            {
                return (null, AmountProblem.Missing);
            }

            whole = "0";
        }

        if (!decimal.TryParse(whole.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var units)
            || units > Ceiling)
        {
            return (null, AmountProblem.NotANumber);
        }

        var minor = 0m;
        if (!string.IsNullOrWhiteSpace(cents))
        {
            if (!int.TryParse(cents.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c) || c > 99 || units != decimal.Truncate(units))
            {
                return (null, AmountProblem.BadCents);
            }

            // "minus fifty cents"
            if (c < 0)
            {
                return (null, AmountProblem.NotPositive);
            }

            minor = c / 100m;
        }

        var amount = units + minor;
        if (decimal.Round(amount, 2) != amount)
        {
            return (null, AmountProblem.BadCents);
        }

        if (amount <= 0)
        {
            return (null, AmountProblem.NotPositive);
        }

        return (new Money(decimal.Round(amount, 2), currency), AmountProblem.None);
    }
}
