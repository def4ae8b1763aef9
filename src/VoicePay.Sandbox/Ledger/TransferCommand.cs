namespace VoicePay.Sandbox.Ledger;

/// <summary>
/// A validated-for-shape transfer request, as the ledger sees it: to a payee, or (<paramref name="ToAccountId"/>, issue 19
/// item 3) to another of the customer's own accounts; exactly one of the two is set.
/// </summary>
internal sealed record TransferCommand(
    string CustomerId,
    string IdempotencyKey,
    string FromAccountId,
    string? PayeeId,
    decimal Amount,
    string Currency,
    string? Memo,
    DateTimeOffset? NotAfter = null,
    string? ToAccountId = null);

/// <summary>The HTTP answer to a transfer request, stored under its idempotency key and replayed verbatim.</summary>
internal sealed record StoredResponse(int StatusCode, string ContentType, string Body, bool Replayed);
