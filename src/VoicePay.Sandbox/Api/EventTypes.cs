namespace VoicePay.Sandbox.Api;

/// <summary>The <c>type</c> values of the account-event feed (docs/payments-api.yaml).</summary>
public static class EventTypes
{
    public const string MoneyReceived = "money_received";
    public const string PaymentSent = "payment_sent";
    public const string LargeDebit = "large_debit";
    public const string SuspectedFraud = "suspected_fraud";
    public const string LowBalance = "low_balance";

    public static IReadOnlyList<string> All { get; } = [MoneyReceived, PaymentSent, LargeDebit, SuspectedFraud, LowBalance];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// What <c>POST /v1/sandbox/events</c> raises when the request leaves amount or counterparty out.
    /// A null amount means "the account's balance now" (low_balance); a null counterparty means none.
    /// </summary>
    public static (decimal? Amount, string? Counterparty) Defaults(string type) => type switch
    {
        MoneyReceived => (250.00m, "Jane Doe"),
        PaymentSent => (120.00m, "City Power & Light"),
        LargeDebit => (1_500.00m, "Prestige Motors"),
        SuspectedFraud => (950.00m, "Example Store"),
        _ => (null, null),
    };
}
