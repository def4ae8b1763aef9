using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// One turn's answer, built in parts: what is said (in order), the reprompt that keeps the session
/// open, a card, directives. Steps add to it; the engine builds it once at the end, so "I've
/// cancelled the payment" and the answer that follows are parts, never spliced SSML strings.
/// </summary>
public sealed class Reply(HandlerInput input)
{
    private readonly List<Ssml> speech = [];
    private readonly List<Directive> directives = [];
    private Ssml? reprompt;
    private Card? card;
    private bool end;

    public HandlerInput Input => input;

    /// <summary>The session ends with this answer.</summary>
    public bool Ends => end;

    /// <summary>The answer asks something (a reprompt or a dialog directive), so the session stays open.</summary>
    public bool Asks => reprompt is not null || directives.Exists(d => d is DialogElicitSlotDirective or DialogConfirmIntentDirective or DialogConfirmSlotDirective or DialogDelegateDirective or StartConnectionDirective);

    /// <summary>Everything said so far (for "repeat").</summary>
    public Ssml Spoken => Ssml.Concat([.. speech]);

    public Reply Say(Ssml part)
    {
        if (!part.IsEmpty)
        {
            speech.Add(part);
        }

        return this;
    }

    public Reply Say(string key, params object?[] args) => Say(input.Speech.Say(key, args));

    /// <summary>Says <paramref name="question"/> and keeps the session open, asking again with <paramref name="repromptKey"/>.</summary>
    public Reply Ask(Ssml question, string repromptKey) => Say(question).Reprompt(input.Speech.Say(repromptKey));

    public Reply Reprompt(Ssml again)
    {
        reprompt = again;
        end = false;
        return this;
    }

    /// <summary>Ends the session (goodbye, a lock, a refusal that leaves nothing to do).</summary>
    public Reply End()
    {
        end = true;
        reprompt = null;
        return this;
    }

    /// <summary>Ends with "say it" and the session over: the shape of most refusals.</summary>
    public Reply Tell(string key, params object?[] args) => Say(key, args).End();

    /// <summary>An answer is done and nothing waits: "Anything else?", the session open.</summary>
    public Reply AnythingElse() => Ask(input.Speech.Say(SpeechKeys.AnythingElse), SpeechKeys.AnythingElseReprompt);

    public Reply Card(string title, string content)
    {
        card = new SimpleCard { Title = title, Content = content };
        return this;
    }

    public Reply LinkAccountCard()
    {
        card = new LinkAccountCard();
        return this;
    }

    /// <summary>No token, or the bank refused it: the person must (re)link their account.</summary>
    public Reply LinkAccount() => Say(SpeechKeys.LinkAccount).LinkAccountCard().End();

    public Reply Directive(Directive directive)
    {
        directives.Add(directive);
        return this;
    }

    public SkillResponse Build()
    {
        var builder = ResponseBuilder.Create();
        if (speech.Count > 0)
        {
            builder.Speak(Spoken);
        }

        if (reprompt is { } again)
        {
            builder.Reprompt(again);
        }

        foreach (var directive in directives)
        {
            builder.AddDirective(directive);
        }

        var response = builder.Build();
        response.Response.Card = card;
        if (end)
        {
            response.Response.ShouldEndSession = true;
        }

        return response;
    }
}
