namespace VoicePay.Skill.Banking;

/// <summary>Which way money went, seen from the person's account.</summary>
public enum TransactionDirection
{
    /// <summary>Money in: payroll, refunds, money received.</summary>
    In,

    /// <summary>Money out: card spending, bills, payments.</summary>
    Out,
}

/// <summary>
/// A filter on the person's transactions (<c>GET /v1/transactions</c>): inclusive UTC calendar dates, text the
/// counterparty or the bank's description contains, one account, one direction, and the cursor of a page to
/// read on from. Nothing set: the newest ones.
/// </summary>
public sealed record TransactionQuery(
    int Limit,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Text = null,
    string? AccountId = null,
    TransactionDirection? Direction = null,
    string? Cursor = null);

/// <summary>One page of transactions, newest first; <see cref="NextCursor"/> reads on with the same filter (null: none left).</summary>
public sealed record TransactionPage(IReadOnlyList<Transaction> Transactions, string? NextCursor);
