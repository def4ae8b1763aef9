using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// The bank alerts not yet heard. The notification on the speaker said only "a new message from Voice Pay";
/// the details are spoken here, after the voice PIN, and then marked heard.
/// </summary>
public sealed class AlertsReply(IAlertStore store, TimeProvider time)
{
    /// <summary>How many (kinds of) alerts are read at once; "Want to hear more?" offers the rest.</summary>
    public const int PageSize = 3;

    /// <summary>"You have one new alert. To hear it, say, read my alerts." — a count only, fit to say before the PIN.</summary>
    public async Task<Ssml> WaitingAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var unheard = await store.UnheardAsync(input.UserId, cancellationToken);
        return unheard.Count switch
        {
            0 => Ssml.Empty,
            1 => input.Speech.Say(SpeechKeys.AlertsWaitingOne),
            var n => input.Speech.Say(SpeechKeys.AlertsWaitingMany, n.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// Reads the next alerts not yet heard, identical ones as one ("3 times, ..."), three at a time,
    /// and marks them heard; true when more wait. <paramref name="continuing"/>: after "more?", no intro.
    /// </summary>
    public async Task<bool> BuildAsync(Reply reply, bool continuing, CancellationToken cancellationToken)
    {
        var input = reply.Input;
        var unheard = await store.UnheardAsync(input.UserId, cancellationToken);
        if (unheard.Count == 0)
        {
            reply.Say(continuing ? SpeechKeys.ListNoMore : SpeechKeys.AlertsNone);
            return false;
        }

        var speech = input.Speech;
        var groups = unheard.GroupBy(a => (a.Kind, a.Amount, a.Counterparty, a.AccountLastFour)).Select(g => g.ToList()).ToList();
        var spoken = groups.Take(PageSize).ToList();
        var intro = continuing ? Ssml.Empty
            : unheard.Count == 1 ? speech.Say(SpeechKeys.AlertsIntroOne)
            : speech.Say(SpeechKeys.AlertsIntroMany, unheard.Count.ToString(CultureInfo.InvariantCulture));
        var lines = spoken.Select((g, i) =>
        {
            var text = speech.Say(Key(g[0]), Arguments(speech, g[0]));
            var said = g.Count == 1 ? text : speech.Say(SpeechKeys.AlertsRepeated, g.Count.ToString(CultureInfo.InvariantCulture), text);
            return groups.Count == 1 && !continuing ? said
                : Ssml.Concat(speech.Say(i == 0 && !continuing ? SpeechKeys.AlertsFirst : i == spoken.Count - 1 && spoken.Count == groups.Count ? SpeechKeys.AlertsLast : SpeechKeys.AlertsNext), said);
        }).ToList();

        var card = string.Join('\n', spoken.SelectMany(g => g).Select(a => speech.Text(
            SpeechKeys.AlertsCardLine,
            a.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Capitalized(speech.Text(Key(a), Arguments(speech, a))))));

        // Marked heard only once the words are ready: a failure before this leaves them to be heard again.
        await store.MarkHeardAsync(input.UserId, spoken.SelectMany(g => g).Select(a => a.EventId).ToList(), time.GetUtcNow(), cancellationToken);
        reply.Say(Ssml.Concat([intro, .. lines])).Card(speech.Text(SpeechKeys.CardTitle), card);
        return groups.Count > spoken.Count;
    }

    /// <summary>The words for one alert: its kind, with or without a counterparty.</summary>
    private static string Key(UserAlert alert) =>
        "Alert." + alert.Kind + (string.IsNullOrWhiteSpace(alert.Counterparty) ? string.Empty : ".With");

    /// <summary>{0} the amount, {1} the counterparty, {2} " ending in 4821" or nothing (never more than four digits).</summary>
    private static object?[] Arguments(SpeechCatalog speech, UserAlert alert) =>
    [
        MoneyText.Format(new Domain.Money(Math.Abs(alert.Amount.Amount), alert.Amount.Currency)),
        alert.Counterparty,
        alert.AccountLastFour is { Length: 4 } lastFour && lastFour.All(char.IsAsciiDigit) ? speech.Text(SpeechKeys.AlertsAccountEnding, lastFour) : string.Empty,
    ];

    private static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Every alert speech key, for the test that checks each locale has them all.</summary>
    public static IEnumerable<string> AlertKeys =>
        Enum.GetValues<BankEventKind>().SelectMany(k => new[] { "Alert." + k, "Alert." + k + ".With" });
}
