using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>Reads the last few transactions, newest first, three at a time.</summary>
public sealed class TransactionsReply(IPaymentsApi bank)
{
    /// <summary>How many are read at once; "Want to hear more?" offers the next ones.</summary>
    public const int PageSize = 3;
    public const int MaxCount = 10;

    /// <summary>Reads the page of <paramref name="question"/> that starts at its offset; true when more wait.</summary>
    public async Task<bool> BuildAsync(Reply reply, AccountQuestion question, CancellationToken cancellationToken)
    {
        var total = question.Count ?? MaxCount;
        var offset = question.Offset;
        var result = await bank.GetRecentTransactionsAsync(reply.Input.AccessToken!, Math.Min(offset + PageSize + 1, total), cancellationToken);
        if (!result.IsSuccess)
        {
            Replies.BankRefused(reply, result.Error);
            return false;
        }

        var fetched = result.Value!.Take(total).ToList();
        var transactions = fetched.Skip(offset).Take(PageSize).ToList();
        var speech = reply.Input.Speech;
        if (transactions.Count == 0)
        {
            reply.Say(offset == 0 ? SpeechKeys.TransactionsNone : SpeechKeys.ListNoMore);
            return false;
        }

        var more = fetched.Count > offset + transactions.Count;
        var intro = offset > 0 ? Ssml.Empty
            : transactions.Count == 1 && !more ? speech.Say(SpeechKeys.TransactionsIntroOne)
            : speech.Say(SpeechKeys.TransactionsIntro, transactions.Count.ToString(CultureInfo.InvariantCulture));
        var lines = transactions.Select(t => speech.Say(
            t.Amount.Amount < 0 ? SpeechKeys.TransactionsOut : SpeechKeys.TransactionsIn,
            SpokenDate(t.PostedAt),
            MoneyText.Format(new Domain.Money(Math.Abs(t.Amount.Amount), t.Amount.Currency)),
            t.Description));
        var card = string.Join('\n', transactions.Select(t => speech.Text(
            SpeechKeys.TransactionsCardLine,
            t.PostedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            MoneyText.Format(t.Amount),
            t.Description)));

        reply.Say(Ssml.Concat([intro, .. lines])).Card(speech.Text(SpeechKeys.CardTitle), card);
        return more;
    }

    /// <summary>How many the person asked for: a number from 1 to 10, else null (the last ten, three at a time).</summary>
    public static int? CountFrom(Alexa.Requests.Intent intent) =>
        int.TryParse(intent.SlotValue(SlotNames.Count), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1
            ? Math.Min(n, MaxCount)
            : null;

    // "November 23": invariant month names are English, which both locales speak.
    private static string SpokenDate(DateTimeOffset date) => date.ToString("MMMM d", CultureInfo.InvariantCulture);
}
