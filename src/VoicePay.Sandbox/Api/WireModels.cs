using System.Text.Json.Serialization;

namespace VoicePay.Sandbox.Api;

// The wire format of docs/payments-api.yaml. Money amounts travel as decimal strings ("20.00")
// so no client ever parses them through a binary floating point number.

public sealed record AccountBody(
    string Id,
    string Nickname,
    string Type,
    string LastFour,
    string Currency,
    string AvailableBalance,
    string CurrentBalance,
    IReadOnlyList<string> Nicknames);

public sealed record AccountListBody(IReadOnlyList<AccountBody> Accounts);

public sealed record PayeeBody(string Id, string DisplayName, IReadOnlyList<string> Nicknames, string LastFour);

public sealed record PayeeListBody(IReadOnlyList<PayeeBody> Payees);

/// <summary>
/// The amount is read from a JSON string or number, parsed straight into a decimal. <c>notAfter</c>, when given, is the
/// last moment the bank may create the transfer: after it the request is refused (<c>transfer_expired</c>), so a request
/// delayed on the way cannot move money long after the person confirmed it. The money goes to <c>payeeId</c> or, for a
/// transfer between the customer's own accounts, to <c>toAccountId</c>: exactly one of the two.
/// </summary>
public sealed record TransferRequestBody(
    string? FromAccountId,
    string? PayeeId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? Amount,
    string? Currency,
    string? Memo,
    DateTimeOffset? NotAfter = null,
    string? ToAccountId = null);

/// <summary>A transfer: <c>payeeId</c> set for a payment, <c>toAccountId</c> for a move between the customer's own accounts.</summary>
public sealed record TransferBody(
    string Id,
    string Status,
    string FromAccountId,
    string? PayeeId,
    string Amount,
    string Currency,
    string? Memo,
    DateTimeOffset CreatedAt,
    string? ToAccountId = null);

/// <summary>A ledger entry; <c>counterparty</c> is the payee of a transfer, null for the bank's own entries.</summary>
public sealed record TransactionBody(
    string Id,
    string AccountId,
    DateTimeOffset PostedAt,
    string Description,
    string Amount,
    string Currency,
    string? Counterparty);

/// <summary>One page; <c>nextCursor</c>, when present, reads on with the same filters.</summary>
public sealed record TransactionListBody(IReadOnlyList<TransactionBody> Transactions, string? NextCursor = null);

public sealed record CustomerBody(string Id);

/// <summary>One entry of the account-event feed; <c>amount</c> is the event's size, never negative.</summary>
public sealed record EventBody(
    string Id,
    string Type,
    string CustomerId,
    DateTimeOffset OccurredAt,
    string Amount,
    string Currency,
    string? Counterparty,
    string? AccountLastFour);

public sealed record EventPageBody(IReadOnlyList<EventBody> Events, string Cursor, bool HasMore);

/// <summary>The sandbox-only request to raise an event; everything but <c>type</c> has a default per kind.</summary>
public sealed record RaiseEventRequestBody(
    string? Type,
    string? CustomerId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? Amount,
    string? Counterparty,
    string? AccountId);

/// <summary>RFC 9457 problem details with the stable <c>code</c> extension member clients switch on.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string? Detail, string Code);
