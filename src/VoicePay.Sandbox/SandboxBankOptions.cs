namespace VoicePay.Sandbox;

/// <summary>Settings for the sandbox bank.</summary>
public sealed class SandboxBankOptions
{
    /// <summary>
    /// SQLite connection string for the ledger. A file keeps balances across restarts;
    /// <see cref="SandboxBankServer"/> uses a temporary file when this is left empty; the host sets it from
    /// <c>VoicePay:Sandbox:SqlitePath</c>, whose default lives in the host's SandboxOptions.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The largest single transfer the bank accepts, in the account's currency.</summary>
    public decimal PerTransferLimit { get; set; } = 10_000m;

    /// <summary>How many transactions <c>GET /v1/transactions</c> returns at most.</summary>
    public int MaxTransactionsPerPage { get; set; } = 50;

    /// <summary>
    /// The sandbox's public local service key. Like the demo tokens it is no secret: it only opens
    /// the sandbox's event feed, which serves on loopback only.
    /// </summary>
    public const string DefaultServiceKey = "sandbox-service-key";

    /// <summary>
    /// The service credential <c>GET /v1/events</c> accepts (<c>Authorization: Bearer ...</c>). It is not
    /// a person's token: it reads every customer's events, and opens none of the person endpoints.
    /// </summary>
    public string ServiceKey { get; set; } = DefaultServiceKey;

    /// <summary>A transfer above this amount (in its currency) also raises a <c>large_debit</c> event.</summary>
    public decimal LargeDebitThreshold { get; set; } = 500m;

    /// <summary>How many events <c>GET /v1/events</c> returns at most.</summary>
    public int MaxEventsPerPage { get; set; } = 100;
}
