using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// How a transaction line names its account: "your checking account" when it is the person's only
/// account of that kind, its name ("Vacation Savings") when the kind alone would not say which.
/// </summary>
internal sealed class SpokenAccounts
{
    private readonly Dictionary<string, string> words;
    private readonly string unknown;

    public SpokenAccounts(SpeechCatalog speech, IReadOnlyList<Account> accounts)
    {
        var alone = accounts.GroupBy(a => a.Type).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet();
        words = accounts.ToDictionary(
            a => a.Id,
            a => alone.Contains(a.Type) ? speech.Text(SpeechKeys.TransactionsAccount, BalanceReply.TypeName(speech, a.Type)) : a.Nickname,
            StringComparer.Ordinal);
        unknown = speech.Text(SpeechKeys.TransactionsAnyAccount);
    }

    public string Of(string accountId) => words.TryGetValue(accountId, out var name) ? name : unknown;
}
