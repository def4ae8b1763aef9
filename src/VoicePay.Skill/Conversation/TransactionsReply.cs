using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>Reads the last few transactions, newest first.</summary>
public sealed class TransactionsReply(IPaymentsApi bank)
{
    public const int DefaultCount = 3;
    public const int MaxCount = 10;

    public async Task<SkillResponse> BuildAsync(HandlerInput input, int count, CancellationToken cancellationToken)
    {
        var result = await bank.GetRecentTransactionsAsync(input.AccessToken!, count, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error == BankError.Unauthorized ? Replies.LinkAccount(input) : Replies.Say(input, SpeechKeys.BankUnavailable);
        }

        var transactions = result.Value!.Take(count).ToList();
        var speech = input.Speech;
        if (transactions.Count == 0)
        {
            return Replies.Say(input, SpeechKeys.TransactionsNone);
        }

        var intro = transactions.Count == 1
            ? speech.Say(SpeechKeys.TransactionsIntroOne)
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

        return ResponseBuilder.Create()
            .Speak(Ssml.Concat([intro, .. lines]))
            .WithSimpleCard(speech.Text(SpeechKeys.CardTitle), card)
            .EndSession()
            .Build();
    }

    /// <summary>How many the person asked for: a number from 1 to 10, else the default.</summary>
    public static int CountFrom(Alexa.Requests.Intent intent) =>
        int.TryParse(intent.SlotValue(SlotNames.Count), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1
            ? Math.Min(n, MaxCount)
            : DefaultCount;

    // "November 23": invariant month names are English, which both locales speak.
    private static string SpokenDate(DateTimeOffset date) => date.ToString("MMMM d", CultureInfo.InvariantCulture);
}
