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
}
