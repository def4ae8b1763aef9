using System.Text.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Responses;

/// <summary>A small fluent builder: speech is always <see cref="Ssml"/>, so it is always well-formed.</summary>
public sealed class ResponseBuilder
{
    private readonly SkillResponse response = new();

    public static ResponseBuilder Create() => new();

    public ResponseBuilder Speak(Ssml speech, string? playBehavior = null)
    {
        response.Response.OutputSpeech = new SsmlOutputSpeech { Ssml = speech.ToSpeak(), PlayBehavior = playBehavior };
        return this;
    }

    /// <summary>Asks again if the person says nothing, and keeps the session open.</summary>
    public ResponseBuilder Reprompt(Ssml speech)
    {
        response.Response.Reprompt = new Reprompt { OutputSpeech = new SsmlOutputSpeech { Ssml = speech.ToSpeak() } };
        response.Response.ShouldEndSession = false;
        return this;
    }

    public ResponseBuilder WithSimpleCard(string title, string content)
    {
        response.Response.Card = new SimpleCard { Title = title, Content = content };
        return this;
    }

    public ResponseBuilder WithStandardCard(string title, string text, CardImage? image = null)
    {
        response.Response.Card = new StandardCard { Title = title, Text = text, Image = image };
        return this;
    }

    public ResponseBuilder WithLinkAccountCard()
    {
        response.Response.Card = new LinkAccountCard();
        return this;
    }

    public ResponseBuilder WithAskForPermissionsConsentCard(params string[] permissions)
    {
        response.Response.Card = new AskForPermissionsConsentCard { Permissions = [.. permissions] };
        return this;
    }

    public ResponseBuilder AddDirective(Directive directive)
    {
        (response.Response.Directives ??= []).Add(directive);

        // Alexa rejects dialog directives on a response that ends the session.
        if (directive is DialogDelegateDirective or DialogElicitSlotDirective or DialogConfirmSlotDirective or DialogConfirmIntentDirective)
        {
            response.Response.ShouldEndSession = false;
        }

        return this;
    }

    public ResponseBuilder DelegateDialog(Intent? updatedIntent = null) =>
        AddDirective(new DialogDelegateDirective { UpdatedIntent = updatedIntent });

    public ResponseBuilder ElicitSlot(string slotName, Intent? updatedIntent = null) =>
        AddDirective(new DialogElicitSlotDirective { SlotToElicit = slotName, UpdatedIntent = updatedIntent });

    public ResponseBuilder ConfirmSlot(string slotName, Intent? updatedIntent = null) =>
        AddDirective(new DialogConfirmSlotDirective { SlotToConfirm = slotName, UpdatedIntent = updatedIntent });

    public ResponseBuilder ConfirmIntent(Intent? updatedIntent = null) =>
        AddDirective(new DialogConfirmIntentDirective { UpdatedIntent = updatedIntent });

    public ResponseBuilder WithSessionAttribute(string key, JsonElement value)
    {
        (response.SessionAttributes ??= new(StringComparer.Ordinal))[key] = value;
        return this;
    }

    public ResponseBuilder WithSessionAttributes(IReadOnlyDictionary<string, JsonElement>? attributes)
    {
        if (attributes is not null)
        {
            foreach (var (key, value) in attributes)
            {
                WithSessionAttribute(key, value);
            }
        }

        return this;
    }

    public ResponseBuilder EndSession(bool end = true)
    {
        response.Response.ShouldEndSession = end;
        return this;
    }

    /// <summary>Leaves <c>shouldEndSession</c> out, as skill connections require.</summary>
    public ResponseBuilder LeaveSessionUnset()
    {
        response.Response.ShouldEndSession = null;
        return this;
    }

    public SkillResponse Build() => response;
}
