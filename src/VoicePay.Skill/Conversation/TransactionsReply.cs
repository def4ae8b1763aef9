using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// Reads the last few transactions, newest first, each as a person would say it: "$5.00 to Alice
/// Smith from your checking account, on December 5th". Who was paid is the bank's counterparty
/// when it names one, else its description ("Grocery Mart"); money in without a counterparty is
/// read by its description ("Opening balance, $2,500.00 into your checking account").
/// </summary>
public sealed class TransactionsReply(IPaymentsApi bank)
{
    /// <summary>How many are read at once; "Want to hear more?" offers the next ones.</summary>
    public const int PageSize = 3;
    public const int MaxCount = 10;

    /// <summary>Reads the page of <paramref name="question"/> that starts at its offset; true when more wait.</summary>
    public async Task<bool> BuildAsync(Reply reply, AccountQuestion question, CancellationToken cancellationToken)
    {
        var token = reply.Input.AccessToken!;
        var total = question.Count ?? MaxCount;
        var offset = question.Offset;
        var result = await bank.GetTransactionsAsync(token, new TransactionQuery(Math.Min(offset + PageSize + 1, total)), cancellationToken);
        if (!result.IsSuccess)
        {
            Replies.BankRefused(reply, result.Error);
            return false;
        }

        // Each line names its account ("from your checking account"): the entries carry only its id.
        var accounts = await bank.GetAccountsAsync(token, cancellationToken);
        if (!accounts.IsSuccess)
        {
            Replies.BankRefused(reply, accounts.Error);
            return false;
        }

        var fetched = result.Value!.Transactions.Take(total).ToList();
        var transactions = fetched.Skip(offset).Take(PageSize).ToList();
        var speech = reply.Input.Speech;
        if (transactions.Count == 0)
        {
            reply.Say(offset == 0 ? SpeechKeys.TransactionsNone : SpeechKeys.ListNoMore);
            return false;
        }

        var more = fetched.Count > offset + transactions.Count;
        var names = new SpokenAccounts(speech, accounts.Value!);
        var intro = offset > 0 ? Ssml.Empty
            : transactions.Count == 1 && !more ? speech.Say(SpeechKeys.TransactionsIntroOne)
            : speech.Say(SpeechKeys.TransactionsIntro, transactions.Count.ToString(CultureInfo.InvariantCulture));
        var lines = transactions.Select(t => Line(speech, t, names.Of(t.AccountId)));
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

    /// <summary>One transaction as a person would say it (the spending answers read their matches the same way).</summary>
    internal static Ssml Line(SpeechCatalog speech, Transaction transaction, string account)
    {
        var amount = MoneyText.Format(new Domain.Money(Math.Abs(transaction.Amount.Amount), transaction.Amount.Currency));
        var date = SpokenDate(speech, transaction.PostedAt);
        var counterparty = string.IsNullOrWhiteSpace(transaction.Counterparty) ? null : transaction.Counterparty;
        return transaction.Amount.Amount < 0
            ? speech.Say(SpeechKeys.TransactionsOut, amount, counterparty ?? transaction.Description, account, date)
            : counterparty is not null
                ? speech.Say(SpeechKeys.TransactionsIn, amount, counterparty, account, date)
                : speech.Say(SpeechKeys.TransactionsInOther, amount, transaction.Description, account, date);
    }

    /// <summary>
    /// "December 5th" (en-US) or "5 December" (en-GB): the locale's template orders day, ordinal
    /// day and month. Invariant month names are English, which both locales speak.
    /// </summary>
    public static string SpokenDate(SpeechCatalog speech, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(speech);
        var day = date.Day;
        var suffix = (day % 100) is >= 11 and <= 13 ? "th" : (day % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return speech.Text(
            SpeechKeys.TransactionsDate,
            day.ToString(CultureInfo.InvariantCulture),
            day.ToString(CultureInfo.InvariantCulture) + suffix,
            date.ToString("MMMM", CultureInfo.InvariantCulture));
    }
}
