using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Alexa.Responses;

/// <summary>What the skill answers. Build one with <see cref="ResponseBuilder"/>.</summary>
public sealed class SkillResponse
{
    public string Version { get; set; } = "1.0";

    public Dictionary<string, JsonElement>? SessionAttributes { get; set; }

    public ResponseBody Response { get; set; } = new();
}

public sealed class ResponseBody
{
    public OutputSpeech? OutputSpeech { get; set; }

    public Card? Card { get; set; }

    public Reprompt? Reprompt { get; set; }

    public List<Directive>? Directives { get; set; }

    /// <summary>Null leaves the decision to Alexa (the session stays open only for some devices).</summary>
    public bool? ShouldEndSession { get; set; }

    /// <summary>Only in the answer to a <see cref="Requests.CanFulfillIntentRequest"/>, which has nothing else.</summary>
    public CanFulfillIntent? CanFulfillIntent { get; set; }
}

public sealed class Reprompt
{
    public OutputSpeech? OutputSpeech { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlainTextOutputSpeech), "PlainText")]
[JsonDerivedType(typeof(SsmlOutputSpeech), "SSML")]
public abstract class OutputSpeech
{
    /// <summary><c>ENQUEUE</c>, <c>REPLACE_ALL</c> or <c>REPLACE_ENQUEUED</c>.</summary>
    public string? PlayBehavior { get; set; }
}

public sealed class PlainTextOutputSpeech : OutputSpeech
{
    public string Text { get; set; } = string.Empty;
}

public sealed class SsmlOutputSpeech : OutputSpeech
{
    public string Ssml { get; set; } = "<speak></speak>";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SimpleCard), "Simple")]
[JsonDerivedType(typeof(StandardCard), "Standard")]
[JsonDerivedType(typeof(LinkAccountCard), "LinkAccount")]
[JsonDerivedType(typeof(AskForPermissionsConsentCard), "AskForPermissionsConsent")]
public abstract class Card;

public sealed class SimpleCard : Card
{
    public string? Title { get; set; }

    public string? Content { get; set; }
}

public sealed class StandardCard : Card
{
    public string? Title { get; set; }

    public string? Text { get; set; }

    public CardImage? Image { get; set; }
}

public sealed class CardImage
{
    public string? SmallImageUrl { get; set; }

    public string? LargeImageUrl { get; set; }
}

public sealed class LinkAccountCard : Card;

public sealed class AskForPermissionsConsentCard : Card
{
    public List<string> Permissions { get; set; } = [];
}
