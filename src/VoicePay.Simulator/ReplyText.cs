using System.Net;
using System.Text.RegularExpressions;
using VoicePay.Alexa.Responses;

namespace VoicePay.Simulator;

/// <summary>What a person hears and sees of a response, as plain text.</summary>
public static partial class ReplyText
{
    /// <summary>SSML as heard: tags dropped, breaks as spaces, entities decoded, whitespace collapsed.</summary>
    public static string Plain(string? ssml)
    {
        if (string.IsNullOrEmpty(ssml))
        {
            return string.Empty;
        }

        // Breaks, paragraphs and sentences part words; other tags (say-as, emphasis) sit inside them.
        var text = Tags().Replace(Boundaries().Replace(ssml, " "), string.Empty);
        return Spaces().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    public static string Plain(OutputSpeech? speech) => speech switch
    {
        SsmlOutputSpeech ssml => Plain(ssml.Ssml),
        PlainTextOutputSpeech plain => plain.Text,
        _ => string.Empty,
    };

    public static string Markup(OutputSpeech? speech) => speech switch
    {
        SsmlOutputSpeech ssml => ssml.Ssml,
        PlainTextOutputSpeech plain => plain.Text,
        _ => string.Empty,
    };

    /// <summary>A card as one block of text: "Title: content".</summary>
    public static string? Card(Card? card) => card switch
    {
        SimpleCard simple => $"{simple.Title}: {simple.Content}",
        StandardCard standard => $"{standard.Title}: {standard.Text}",
        LinkAccountCard => "Link account (Alexa app)",
        AskForPermissionsConsentCard consent => $"Permissions requested: {string.Join(", ", consent.Permissions)}",
        _ => null,
    };

    /// <summary>A directive in a few words: its type and what it names.</summary>
    public static string Directive(Directive directive) => directive switch
    {
        DialogElicitSlotDirective e => $"Dialog.ElicitSlot {e.SlotToElicit}",
        DialogConfirmSlotDirective c => $"Dialog.ConfirmSlot {c.SlotToConfirm}",
        DialogConfirmIntentDirective c => $"Dialog.ConfirmIntent {c.UpdatedIntent?.Name}",
        DialogDelegateDirective d => $"Dialog.Delegate {d.UpdatedIntent?.Name}",
        DialogUpdateDynamicEntitiesDirective u => $"Dialog.UpdateDynamicEntities {u.UpdateBehavior} {string.Join(", ", (u.Types ?? []).Select(t => $"{t.Name}: {string.Join(", ", t.Values.Select(v => v.Name.Value))}"))}",
        StartConnectionDirective s => $"Connections.StartConnection {s.Uri}",
        _ => directive.GetType().Name,
    };

    [GeneratedRegex(@"<\s*/?\s*(break|p|s|speak|audio)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Boundaries();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
