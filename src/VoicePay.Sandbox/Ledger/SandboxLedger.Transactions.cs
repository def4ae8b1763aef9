using System.Globalization;
using VoicePay.Sandbox.Api;

namespace VoicePay.Sandbox.Ledger;

public sealed partial class SandboxLedger
{
    /// <summary>
    /// The customer's own ledger entries that match <paramref name="filter"/>, newest first, at most
    /// <paramref name="limit"/>, and the cursor of the next page (null when none is left). A transfer's entry
    /// names its payee as the counterparty; a seeded card entry names its merchant.
    /// </summary>
    public (IReadOnlyList<TransactionBody> Transactions, string? NextCursor) GetTransactions(string customerId, TransactionFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.account_id, e.posted_at, e.description, e.amount_minor, a.currency, COALESCE(p.display_name, e.counterparty)
            FROM ledger_entries e JOIN accounts a ON a.id = e.account_id
            LEFT JOIN transfers t ON t.id = e.transfer_id
            LEFT JOIN payees p ON p.id = t.payee_id
            WHERE a.customer_id = $customer AND a.kind = 'customer'
              AND ($from IS NULL OR e.posted_at >= $from)
              AND ($to IS NULL OR e.posted_at < $to)
              AND ($account IS NULL OR e.account_id = $account)
              AND ($direction IS NULL OR ($direction = 'in' AND e.amount_minor > 0) OR ($direction = 'out' AND e.amount_minor < 0))
              AND ($text IS NULL OR instr(lower(COALESCE(p.display_name, e.counterparty, '')), $text) > 0 OR instr(lower(e.description), $text) > 0)
              AND ($afterAt IS NULL OR e.posted_at < $afterAt OR (e.posted_at = $afterAt AND e.id < $afterId))
            ORDER BY e.posted_at DESC, e.id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$from", filter.From is { } from ? Timestamp(Midnight(from)) : DBNull.Value);
        command.Parameters.AddWithValue("$to", filter.To is { } to ? Timestamp(Midnight(to.AddDays(1))) : DBNull.Value);
        command.Parameters.AddWithValue("$account", (object?)filter.AccountId ?? DBNull.Value);
        command.Parameters.AddWithValue("$direction", filter.Direction switch
        {
            TransactionDirection.In => "in",
            TransactionDirection.Out => "out",
            _ => DBNull.Value,
        });
        command.Parameters.AddWithValue("$text", filter.Text is { } text ? text.ToLowerInvariant() : DBNull.Value);
        command.Parameters.AddWithValue("$afterAt", filter.After is { } after ? Timestamp(after.PostedAt) : DBNull.Value);
        command.Parameters.AddWithValue("$afterId", filter.After?.EntryId ?? 0L);

        // One more than asked says whether another page exists.
        command.Parameters.AddWithValue("$limit", limit + 1);
        using var reader = command.ExecuteReader();
        var transactions = new List<TransactionBody>();
        TransactionCursor? last = null;
        while (reader.Read())
        {
            if (transactions.Count == limit)
            {
                return (transactions, last!.Encode());
            }

            var postedAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
            last = new TransactionCursor(postedAt, reader.GetInt64(0));
            transactions.Add(new(
                "txn-" + reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                reader.GetString(1),
                postedAt,
                reader.GetString(3),
                MinorUnits.Format(reader.GetInt64(4)),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return (transactions, null);
    }

    /// <summary>Whether <paramref name="accountId"/> is one of the customer's own accounts.</summary>
    public bool OwnsAccount(string customerId, string accountId) =>
        GetAccounts(customerId).Any(a => a.Id == accountId);

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
