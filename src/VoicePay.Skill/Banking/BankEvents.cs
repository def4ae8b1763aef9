using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Banking;

/// <summary>What happened on a customer's account that the customer may want to hear about.</summary>
public enum BankEventKind
{
    /// <summary>Money arrived in one of the customer's accounts.</summary>
    MoneyReceived,

    /// <summary>A payment left outside Voice Pay (the bank's app, a branch, a standing order).</summary>
    PaymentSent,

    /// <summary>A debit above the bank's large-debit threshold.</summary>
    LargeDebit,

    /// <summary>A card payment the bank declined as suspected fraud: urgent.</summary>
    SuspectedFraud,

    /// <summary>An account's available balance fell below the customer's threshold.</summary>
    LowBalance,
}

/// <summary>
/// One entry of the bank's account-event feed (docs/payments-api.yaml). <see cref="Id"/> is stable:
/// the same event read twice has the same id, which is what makes delivery exactly-once.
/// <c>Counterparty</c> is who paid, was paid, or the merchant (null when the bank gives none);
/// <c>AccountLastFour</c> the account's last four digits, never the full number.
/// </summary>
public sealed record BankEvent(
    string Id,
    BankEventKind Kind,
    string CustomerId,
    DateTimeOffset OccurredAt,
    Money Amount,
    string? Counterparty,
    string? AccountLastFour)
{
    public bool IsUrgent => Kind == BankEventKind.SuspectedFraud;
}

/// <summary>A page of the feed; <see cref="Cursor"/> is where the next read starts (store it durably).</summary>
public sealed record BankEventPage(IReadOnlyList<BankEvent> Events, string Cursor, bool HasMore);

/// <summary>Who a person's access token belongs to at the bank.</summary>
public sealed record BankCustomer(string Id);

/// <summary>
/// The port to the bank's account-event feed. Authenticated with the skill's service credential,
/// never a person's token; events come in the order the bank recorded them.
/// </summary>
public interface IBankEventFeed
{
    /// <summary>Events after <paramref name="cursor"/> (null: from the start of what the bank keeps).</summary>
    Task<BankResult<BankEventPage>> ReadAsync(string? cursor, int limit, CancellationToken cancellationToken);
}
