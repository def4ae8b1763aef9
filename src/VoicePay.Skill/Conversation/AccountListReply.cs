using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// "What accounts do I have?": each account by its name and last four digits (never more of the number), three at a
/// time. The names a person can say are the bank's: the nickname read here, and the other names it holds.
/// </summary>
public sealed class AccountListReply(IPaymentsApi bank)
{
    public const int PageSize = 3;

    /// <summary>Reads the page that starts at <paramref name="offset"/>; true when more wait.</summary>
    public async Task<bool> BuildAsync(Reply reply, int offset, CancellationToken cancellationToken)
    {
        var result = await bank.GetAccountsAsync(reply.Input.AccessToken!, cancellationToken);
        if (!result.IsSuccess)
        {
            Replies.BankRefused(reply, result.Error);
            return false;
        }

        var speech = reply.Input.Speech;
        var accounts = result.Value!;
        var page = accounts.Skip(offset).Take(PageSize).ToList();
        if (page.Count == 0)
        {
            reply.Say(offset == 0 ? SpeechKeys.AccountsNone : SpeechKeys.ListNoMore);
            return false;
        }

        var intro = offset > 0 ? Ssml.Empty
            : accounts.Count == 1 ? speech.Say(SpeechKeys.AccountsIntroOne)
            : speech.Say(SpeechKeys.AccountsIntro, accounts.Count.ToString(CultureInfo.InvariantCulture));
        var lines = page.Select(a => speech.Say(SpeechKeys.AccountsLine, a.Nickname, Ssml.Characters(a.LastFour)));
        var card = string.Join('\n', page.Select(a => speech.Text(SpeechKeys.AccountsCardLine, a.Nickname, a.LastFour)));
        reply.Say(Ssml.Concat([intro, .. lines])).Card(speech.Text(SpeechKeys.CardTitle), card);
        return accounts.Count > offset + page.Count;
    }
}
