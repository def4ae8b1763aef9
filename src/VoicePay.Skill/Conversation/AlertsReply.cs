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
    /// <summary>How many are read in one turn; the rest wait for the next "read my alerts".</summary>
    public const int MaxSpoken = 5;

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

    public async Task<SkillResponse> BuildAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var unheard = await store.UnheardAsync(input.UserId, cancellationToken);
        if (unheard.Count == 0)
        {
            return Replies.Say(input, SpeechKeys.AlertsNone);
        }

        var speech = input.Speech;
        var spoken = unheard.Take(MaxSpoken).ToList();
        var intro = unheard.Count == 1
            ? speech.Say(SpeechKeys.AlertsIntroOne)
            : speech.Say(SpeechKeys.AlertsIntroMany, unheard.Count.ToString(CultureInfo.InvariantCulture));
        var lines = spoken.Select((a, i) => unheard.Count == 1
            ? speech.Say(Key(a), Arguments(speech, a))
            : Ssml.Concat(speech.Say(i == 0 ? SpeechKeys.AlertsFirst : i == spoken.Count - 1 ? SpeechKeys.AlertsLast : SpeechKeys.AlertsNext), speech.Say(Key(a), Arguments(speech, a))))
            .ToList();
        if (unheard.Count > spoken.Count)
        {
            lines.Add(speech.Say(SpeechKeys.AlertsMore, (unheard.Count - spoken.Count).ToString(CultureInfo.InvariantCulture)));
        }

        var card = string.Join('\n', spoken.Select(a => speech.Text(
            SpeechKeys.AlertsCardLine,
            a.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Capitalized(speech.Text(Key(a), Arguments(speech, a))))));

        // Marked heard only once the words are ready: a failure before this leaves them to be heard again.
        await store.MarkHeardAsync(input.UserId, spoken.Select(a => a.EventId).ToList(), time.GetUtcNow(), cancellationToken);
        return ResponseBuilder.Create()
            .Speak(Ssml.Concat([intro, .. lines]))
            .WithSimpleCard(speech.Text(SpeechKeys.CardTitle), card)
            .EndSession()
            .Build();
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
