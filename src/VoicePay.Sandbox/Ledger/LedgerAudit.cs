namespace VoicePay.Sandbox.Ledger;

/// <summary>A check on the books: how many transfers exist, and the sum of every entry (always zero).</summary>
public sealed record LedgerAudit(long TransferCount, decimal EntrySum);

/// <summary>
/// A transfer on the sandbox bank's books, with the idempotency key that created it: to a payee (<paramref name="PayeeId"/>)
/// or between the customer's own accounts (<paramref name="ToAccountId"/>; then <paramref name="FromAccountId"/> is the other side).
/// </summary>
public sealed record LedgerTransfer(string Id, string CustomerId, string? PayeeId, decimal Amount, string Currency, string? IdempotencyKey, string FromAccountId, string? ToAccountId = null);
