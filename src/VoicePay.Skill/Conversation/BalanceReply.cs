using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// Reads balances: of a kind of account, of one named account (by name or last four: every account the name fits is
/// read, as "savings" reads every savings account), or all. Cards show nickname and last four digits only.
/// </summary>
public sealed class BalanceReply(IPaymentsApi bank)
{
    public const string Checking = "CHECKING";
    public const string Savings = "SAVINGS";
    public const string All = "ALL";

    public async Task BuildAsync(Reply reply, string? accountKind, NamedAccount? named, CancellationToken cancellationToken)
    {
        var result = await bank.GetAccountsAsync(reply.Input.AccessToken!, cancellationToken);
        if (!result.IsSuccess)
        {
            Replies.BankRefused(reply, result.Error);
            return;
        }

        var accounts = named is null
            ? Select(result.Value!, accountKind)
            : AccountWords.Resolve(accountKind, named, result.Value!) switch
            {
                AccountMatch.Found found => [found.Account],
                AccountMatch.Several several => several.Accounts,
                _ => [],
            };
        if (accounts.Count == 0)
        {
            // After the PIN only: that no account fits is account-derived. The person's own digits are not said back.
            reply.Say(named?.LastFour is not null ? reply.Input.Speech.Say(SpeechKeys.BalanceNoLastFour)
                : named?.Name is { } name ? reply.Input.Speech.Say(SpeechKeys.BalanceNoName, name)
                : reply.Input.Speech.Say(SpeechKeys.BalanceNone));
            return;
        }

        var speech = reply.Input.Speech;
        var spoken = accounts.Count == 1
            ? named is not null
                ? speech.Say(SpeechKeys.BalanceNamed, accounts[0].Nickname, Ssml.Characters(accounts[0].LastFour), MoneyText.Format(accounts[0].Available))
                : speech.Say(SpeechKeys.BalanceOne, TypeName(speech, accounts[0].Type), Ssml.Characters(accounts[0].LastFour), MoneyText.Format(accounts[0].Available))
            : Ssml.Concat([speech.Say(SpeechKeys.BalanceIntro), .. accounts.Select(a =>
                speech.Say(SpeechKeys.BalanceLine, a.Nickname, Ssml.Characters(a.LastFour), MoneyText.Format(a.Available)))]);
        var card = string.Join('\n', accounts.Select(a =>
            speech.Text(SpeechKeys.BalanceCardLine, a.Nickname, a.LastFour, MoneyText.Format(a.Available), MoneyText.Format(a.Current))));

        reply.Say(spoken).Card(speech.Text(SpeechKeys.CardTitle), card);
    }

    /// <summary>
    /// The account kind said: the ACCOUNT_TYPE slot's entity-resolution id first, then its words, then the words of the
    /// AccountName slot when they are only a kind ("savings"). Other words name an account (<see cref="NamedAccount"/>).
    /// </summary>
    public static string? KindFrom(Alexa.Requests.Intent intent) => KindFrom(intent, AccountSlots.Default);

    /// <summary>As <see cref="KindFrom(Alexa.Requests.Intent)"/>, read from <paramref name="slots"/> (a move names two accounts).</summary>
    public static string? KindFrom(Alexa.Requests.Intent intent, AccountSlots slots)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(slots);
        if (intent.Slots.TryGetValue(slots.Kind, out var slot))
        {
            if (slot.FirstMatch?.Id is { } id)
            {
                return id.ToUpperInvariant();
            }

            if (KindOf(AccountWords.Name(slot.Value)) is { } kind)
            {
                return kind;
            }
        }

        return KindOf(AccountWords.Name(intent.SlotValue(slots.Name)));
    }

    /// <summary>The kind a name is ("savings", "current"), or null when it names an account instead.</summary>
    public static string? KindOf(string? name) => name switch
    {
        "checking" or "current" => Checking,
        "savings" or "saving" => Savings,
        "all" or "all accounts" or "everything" or "all of them" or "every" or "both" => All,
        _ => null,
    };

    public static IReadOnlyList<Account> Select(IReadOnlyList<Account> accounts, string? kind) => kind switch
    {
        Checking => [.. accounts.Where(a => a.Type == AccountType.Checking)],
        Savings => [.. accounts.Where(a => a.Type == AccountType.Savings)],
        null or All => accounts,
        _ => [],
    };

    public static string TypeName(SpeechCatalog speech, AccountType type) =>
        speech.Text(type == AccountType.Savings ? SpeechKeys.AccountSavings : SpeechKeys.AccountChecking);
}
