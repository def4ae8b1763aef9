using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VoicePay.Sandbox.Ledger;

/// <summary>Which way money went, seen from the customer's account.</summary>
public enum TransactionDirection
{
    In,
    Out,
}

/// <summary>
/// What <c>GET /v1/transactions</c> asks for: inclusive UTC calendar dates, text the counterparty or the
/// description contains (case-insensitive), one account, one direction, and where the previous page ended.
/// </summary>
public sealed record TransactionFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    string? Text = null,
    string? AccountId = null,
    TransactionDirection? Direction = null,
    TransactionCursor? After = null);

/// <summary>
/// Where a page ended: the last entry's posting time and id (the list's order, newest first). Opaque on the
/// wire (base64url), so clients pass it back rather than build one.
/// </summary>
public sealed record TransactionCursor(DateTimeOffset PostedAt, long EntryId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(PostedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + EntryId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Null for anything this bank did not hand out.</summary>
    public static TransactionCursor? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length is 0 or > 64 || !Base64Url.IsValid(text))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new TransactionCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
