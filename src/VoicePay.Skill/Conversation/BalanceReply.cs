using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>Reads balances: one account by name, or all. Cards show nickname and last four digits only.</summary>
public sealed class BalanceReply(IPaymentsApi bank)
{
    public const string Checking = "CHECKING";
    public const string Savings = "SAVINGS";
    public const string All = "ALL";

    public async Task BuildAsync(Reply reply, string? accountKind, CancellationToken cancellationToken)
    {
        var result = await bank.GetAccountsAsync(reply.Input.AccessToken!, cancellationToken);
        if (!result.IsSuccess)
        {
            Replies.BankRefused(reply, result.Error);
            return;
        }

        var accounts = Select(result.Value!, accountKind);
        if (accounts.Count == 0)
        {
            reply.Say(SpeechKeys.BalanceNone);
            return;
        }

        var speech = reply.Input.Speech;
        var spoken = accounts.Count == 1
            ? speech.Say(SpeechKeys.BalanceOne, TypeName(speech, accounts[0].Type), Ssml.Characters(accounts[0].LastFour), MoneyText.Format(accounts[0].Available))
            : Ssml.Concat([speech.Say(SpeechKeys.BalanceIntro), .. accounts.Select(a =>
                speech.Say(SpeechKeys.BalanceLine, a.Nickname, Ssml.Characters(a.LastFour), MoneyText.Format(a.Available)))]);
        var card = string.Join('\n', accounts.Select(a =>
            speech.Text(SpeechKeys.BalanceCardLine, a.Nickname, a.LastFour, MoneyText.Format(a.Available), MoneyText.Format(a.Current))));

        reply.Say(spoken).Card(speech.Text(SpeechKeys.CardTitle), card);
    }

    /// <summary>The account kind from the ACCOUNT_TYPE slot: entity-resolution id first, then the words heard.</summary>
    public static string? KindFrom(Alexa.Requests.Intent intent)
    {
        if (!intent.Slots.TryGetValue(SlotNames.Account, out var slot))
        {
            return null;
        }

        if (slot.FirstMatch?.Id is { } id)
        {
            return id.ToUpperInvariant();
        }

        var heard = slot.Value?.Trim().ToUpperInvariant();
        return heard switch
        {
            null or "" => null,
            "CURRENT" or "CURRENT ACCOUNT" or "CHECKING ACCOUNT" => Checking,
            "SAVINGS ACCOUNT" or "SAVING" => Savings,
            "EVERYTHING" or "ALL ACCOUNTS" or "ALL OF THEM" => All,
            _ => heard,
        };
    }

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
