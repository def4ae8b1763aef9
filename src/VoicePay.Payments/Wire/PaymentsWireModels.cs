using System.Text.Json.Serialization;

namespace VoicePay.Payments.Wire;

// docs/payments-api.yaml as the client reads it. Amounts are decimal strings on the wire; they are
// read straight into decimal (numbers are accepted too), never through double.

internal sealed record CustomerWire(string Id);

internal sealed record AccountWire(
    string Id,
    string Nickname,
    string Type,
    string LastFour,
    string Currency,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal AvailableBalance,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal CurrentBalance,
    IReadOnlyList<string>? Nicknames = null);

internal sealed record AccountListWire(IReadOnlyList<AccountWire> Accounts);

internal sealed record PayeeWire(string Id, string DisplayName, IReadOnlyList<string>? Nicknames, string LastFour);

internal sealed record PayeeListWire(IReadOnlyList<PayeeWire> Payees);

/// <summary>Exactly one of <c>payeeId</c> and <c>toAccountId</c> (a move between the person's own accounts) is written.</summary>
internal sealed record TransferRequestWire(
    string FromAccountId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PayeeId,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] decimal Amount,
    string Currency,
    string? Memo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? NotAfter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToAccountId = null);

internal sealed record TransferWire(
    string Id,
    string Status,
    string FromAccountId,
    string? PayeeId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal Amount,
    string Currency,
    string? Memo,
    DateTimeOffset CreatedAt,
    string? ToAccountId = null);

internal sealed record TransactionWire(
    string Id,
    string AccountId,
    DateTimeOffset PostedAt,
    string Description,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal Amount,
    string Currency,
    string? Counterparty = null);

internal sealed record TransactionListWire(IReadOnlyList<TransactionWire> Transactions, string? NextCursor = null);

/// <summary>RFC 9457 problem details; only <c>code</c> drives behaviour.</summary>
internal sealed record ProblemWire(string? Type = null, string? Title = null, int? Status = null, string? Code = null);

internal sealed record EventWire(
    string Id,
    string Type,
    string CustomerId,
    DateTimeOffset OccurredAt,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal Amount,
    string Currency,
    string? Counterparty = null,
    string? AccountLastFour = null);

internal sealed record EventPageWire(IReadOnlyList<EventWire> Events, string Cursor, bool HasMore);
