using System.Globalization;
using Microsoft.AspNetCore.Http;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Sandbox.Api;

/// <summary>
/// The query of <c>GET /v1/transactions</c> (docs/payments-api.yaml), checked whole: a value the contract does
/// not allow is a 400 that names it, never a guess and never a 500.
/// </summary>
internal static class TransactionQueryParser
{
    public const int DefaultLimit = 10;
    public const int MaxTextLength = 100;

    // A filter the bank does not know is refused, not ignored: ignoring it would answer a question nobody asked.
    private static readonly string[] Known = ["limit", "from", "to", "q", "accountId", "direction", "cursor"];

    /// <summary>The filter and page size, or the reason the query is refused.</summary>
    public static (TransactionFilter? Filter, int Limit, string? Error) Parse(IQueryCollection query, int maxLimit)
    {
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return Refuse($"Unknown parameter '{unknown}' (known: {string.Join(", ", Known)}).");
        }

        var limit = DefaultLimit;
        if (One(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            return Refuse("limit must be a positive whole number.");
        }

        if (!TryDate(query, "from", out var from) || !TryDate(query, "to", out var to))
        {
            return Refuse("from and to must be calendar dates (YYYY-MM-DD).");
        }

        if (from > to)
        {
            return Refuse("from must not be after to.");
        }

        var text = One(query, "q")?.Trim();
        if (text is { Length: 0 or > MaxTextLength })
        {
            return Refuse($"q must be 1 to {MaxTextLength} characters.");
        }

        var account = One(query, "accountId");
        if (account is { Length: 0 })
        {
            return Refuse("accountId must not be empty.");
        }

        TransactionDirection? direction = One(query, "direction") switch
        {
            null => null,
            "in" => TransactionDirection.In,
            "out" => TransactionDirection.Out,
            _ => (TransactionDirection)(-1),
        };
        if (direction is { } d && !Enum.IsDefined(d))
        {
            return Refuse("direction must be in or out.");
        }

        TransactionCursor? after = null;
        if (One(query, "cursor") is { } cursor && (after = TransactionCursor.Decode(cursor)) is null)
        {
            return Refuse("cursor is not one this bank handed out.");
        }

        if (query.Any(p => p.Value.Count > 1))
        {
            return Refuse("Each parameter may be given once.");
        }

        return (new TransactionFilter(from, to, text, account, direction, after), Math.Min(limit, maxLimit), null);
    }

    private static (TransactionFilter?, int, string?) Refuse(string error) => (null, 0, error);

    private static string? One(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static bool TryDate(IQueryCollection query, string name, out DateOnly? date)
    {
        date = null;
        if (One(query, name) is not { } text)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }
}
