namespace VoicePay.Sandbox.Ledger;

/// <summary>A check on the books: how many transfers exist, and the sum of every entry (always zero).</summary>
public sealed record LedgerAudit(long TransferCount, decimal EntrySum);
