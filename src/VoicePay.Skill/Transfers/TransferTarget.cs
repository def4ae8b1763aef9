namespace VoicePay.Skill.Transfers;

/// <summary>
/// Where a journalled transfer goes. A payment's journal entry holds its payee's id; a move between the person's own
/// accounts (issue 19, item 3) holds <c>account:</c> and the destination account's id in the same place, so the journal,
/// its stores and every check keyed by destination and amount (an identical transfer not yet settled, one sent moments
/// ago) stay one path for both. Bank payee ids never start with <c>account:</c>: the bank's ids are its own namespace and the
/// prefix is ours, added and read here only.
/// </summary>
public static class TransferTarget
{
    private const string OwnAccountPrefix = "account:";

    /// <summary>What the journal holds as the "payee" of a move to <paramref name="accountId"/>.</summary>
    public static string OwnAccount(string accountId) => OwnAccountPrefix + accountId;

    /// <summary>The destination account of a move, or null when <paramref name="payeeId"/> is a payee's.</summary>
    public static string? OwnAccountId(string? payeeId) =>
        payeeId is not null && payeeId.StartsWith(OwnAccountPrefix, StringComparison.Ordinal) ? payeeId[OwnAccountPrefix.Length..] : null;

    public static bool IsOwnAccount(string? payeeId) => OwnAccountId(payeeId) is not null;
}
