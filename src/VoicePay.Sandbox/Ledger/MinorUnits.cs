using System.Globalization;

namespace VoicePay.Sandbox.Ledger;

/// <summary>Converts between decimal amounts and integer minor units (all seeded currencies have two decimals).</summary>
internal static class MinorUnits
{
    public static long From(decimal amount) => decimal.ToInt64(amount * 100m);

    public static decimal ToDecimal(long minor) => minor * 0.01m;

    /// <summary>The wire form: "20.00", "-4.50".</summary>
    public static string Format(long minor) => ToDecimal(minor).ToString("0.00", CultureInfo.InvariantCulture);

    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;
}
