using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Payees;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// Answers a spending question from the bank's filtered transactions: the total and how many payments, then the
/// matches three at a time, newest first ("You spent $71.40 at Starbucks last month, in 13 payments. Here are the
/// latest 3. …"); or the newest payment that matches ("You last paid Mary Johnson on December 5th: $75.00 from your
/// checking account."). A merchant that names one of the person's payees ("mom", "mary") is searched by the payee's name.
/// </summary>
public sealed class SpendingReply(IPaymentsApi bank, TimeProvider time)
{
    /// <summary>How many matches are read at once; "Want to hear more?" offers the next ones.</summary>
    public const int PageSize = 3;

    /// <summary>Without dates, totals cover this many days up to today.</summary>
    public const int RecentDays = 30;

    /// <summary>Without dates, "when did I last pay" looks back this far.</summary>
    public const int LastPaymentDays = 365;

    /// <summary>The bank's largest page; a total reads at most <see cref="MaxPages"/> of them.</summary>
    private const int BankPage = 50;
    private const int MaxPages = 20;

    /// <summary>Reads the page of <paramref name="question"/> that starts at its offset; true when more wait.</summary>
    public async Task<bool> BuildAsync(Reply reply, AccountQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(question);
        var asked = question.Spending ?? new SpendingQuestion(SpendingKind.Spent, null);
        var token = reply.Input.AccessToken!;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

        var accounts = await bank.GetAccountsAsync(token, cancellationToken);
        if (!accounts.IsSuccess)
        {
            Replies.BankRefused(reply, accounts.Error);
            return false;
        }

        var (search, name, payee) = (asked.Merchant, asked.Merchant, false);
        if (asked.Merchant is { } merchant)
        {
            var payees = await bank.GetPayeesAsync(token, cancellationToken);
            if (!payees.IsSuccess)
            {
                Replies.BankRefused(reply, payees.Error);
                return false;
            }

            if (PayeeResolver.ResolveHeard(merchant, payees.Value!) is PayeeMatch.Found found)
            {
                (search, name, payee) = (found.Payee.DisplayName, found.Payee.DisplayName, true);
            }
        }

        var lookBack = asked.Kind == SpendingKind.LastPayment ? LastPaymentDays : RecentDays;
        var query = new TransactionQuery(
            asked.Kind == SpendingKind.LastPayment ? 1 : BankPage,
            asked.From ?? today.AddDays(1 - lookBack),
            asked.To ?? today,
            search,
            Direction: asked.Kind == SpendingKind.Received ? TransactionDirection.In : TransactionDirection.Out);
        var fetched = await FetchAsync(token, query, all: asked.Kind != SpendingKind.LastPayment, cancellationToken);
        if (!fetched.IsSuccess)
        {
            Replies.BankRefused(reply, fetched.Error);
            return false;
        }

        var speech = reply.Input.Speech;
        var names = new SpokenAccounts(speech, accounts.Value!);
        var period = SpendingPeriodText.Say(speech, asked, today);
        var matches = fetched.Value!;

        // "starbucks" as heard is "Starbucks" as the bank names it, when every match names it one way.
        if (!payee && search is not null
            && matches.Select(t => t.Counterparty).Where(c => c is not null && c.Contains(search, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList() is [{ } named])
        {
            name = named;
        }
        if (asked.Kind == SpendingKind.LastPayment)
        {
            LastPayment(reply, matches, name, payee, period, names, today);
            return false;
        }

        if (matches.Count == 0)
        {
            reply.Say(asked.Kind == SpendingKind.Received
                ? name is null ? speech.Say(SpeechKeys.SpendingNoneIn, period) : speech.Say(SpeechKeys.SpendingNoneFrom, name, period)
                : name is null ? speech.Say(SpeechKeys.SpendingNone, period) : speech.Say(SpeechKeys.SpendingNoneAt, name, period));
            return false;
        }

        var page = matches.Skip(question.Offset).Take(PageSize).ToList();
        if (page.Count == 0)
        {
            reply.Say(SpeechKeys.ListNoMore);
            return false;
        }

        var intro = question.Offset > 0 ? Ssml.Empty : Intro(speech, asked.Kind, matches, name, period, page.Count);
        var lines = page.Select(t => TransactionsReply.Line(speech, t, names.Of(t.AccountId)));
        reply.Say(Ssml.Concat([intro, .. lines])).Card(speech.Text(SpeechKeys.CardTitle), Card(speech, page));
        return matches.Count > question.Offset + page.Count;
    }

    /// <summary>"You spent $71.40 at Starbucks last month, in 13 payments. Here are the latest 3."</summary>
    private static Ssml Intro(SpeechCatalog speech, SpendingKind kind, IReadOnlyList<Transaction> matches, string? name, string period, int shown)
    {
        // One total per currency: an account in another currency is never added to this one.
        var total = string.Join(" and ", matches
            .GroupBy(t => t.Amount.Currency, StringComparer.Ordinal)
            .Select(g => MoneyText.Format(new Money(Math.Abs(g.Sum(t => t.Amount.Amount)), g.Key))));
        var count = matches.Count == 1 ? speech.Text(SpeechKeys.SpendingCountOne) : speech.Text(SpeechKeys.SpendingCount, matches.Count.ToString(CultureInfo.InvariantCulture));
        var summary = kind == SpendingKind.Received
            ? name is null ? speech.Say(SpeechKeys.SpendingReceived, total, period, count) : speech.Say(SpeechKeys.SpendingReceivedFrom, total, name, period, count)
            : name is null ? speech.Say(SpeechKeys.SpendingSpent, total, period, count) : speech.Say(SpeechKeys.SpendingSpentAt, total, name, period, count);
        return shown > 1 ? Ssml.Concat(summary, speech.Say(SpeechKeys.SpendingLatest, shown.ToString(CultureInfo.InvariantCulture))) : summary;
    }

    private static void LastPayment(Reply reply, IReadOnlyList<Transaction> matches, string? name, bool payee, string period, SpokenAccounts names, DateOnly today)
    {
        var speech = reply.Input.Speech;
        if (matches.Count == 0)
        {
            reply.Say(name is null ? speech.Say(SpeechKeys.SpendingNoPaymentAny, period) : speech.Say(SpeechKeys.SpendingNoPayment, name, period));
            return;
        }

        var last = matches[0];
        var amount = MoneyText.Format(new Money(Math.Abs(last.Amount.Amount), last.Amount.Currency));
        var account = names.Of(last.AccountId);
        var day = SpendingPeriodText.Day(speech, DateOnly.FromDateTime(last.PostedAt.UtcDateTime), today);
        var who = string.IsNullOrWhiteSpace(last.Counterparty) ? last.Description : last.Counterparty;
        reply.Say(payee ? speech.Say(SpeechKeys.SpendingLastPaid, name, day, amount, account)
            : name is null ? speech.Say(SpeechKeys.SpendingLastAny, amount, who, account, day)
            : speech.Say(SpeechKeys.SpendingLastMatch, name, amount, who, account, day));
        reply.Card(speech.Text(SpeechKeys.CardTitle), Card(speech, [last]));
    }

    private static string Card(SpeechCatalog speech, IEnumerable<Transaction> transactions) =>
        string.Join('\n', transactions.Select(t => speech.Text(
            SpeechKeys.TransactionsCardLine,
            t.PostedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            MoneyText.Format(t.Amount),
            t.Description)));

    /// <summary>Every match (page after page, up to <see cref="MaxPages"/>), or only the first page.</summary>
    private async Task<BankResult<IReadOnlyList<Transaction>>> FetchAsync(string token, TransactionQuery query, bool all, CancellationToken cancellationToken)
    {
        var matches = new List<Transaction>();
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await bank.GetTransactionsAsync(token, query, cancellationToken);
            if (!page.IsSuccess)
            {
                return BankResult<IReadOnlyList<Transaction>>.Failure(page.Error!.Value);
            }

            matches.AddRange(page.Value!.Transactions);
            if (!all || page.Value.NextCursor is not { } next)
            {
                break;
            }

            query = query with { Cursor = next };
        }

        return BankResult<IReadOnlyList<Transaction>>.Success(matches);
    }
}
