using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>Answers several handlers give in the same words.</summary>
public static class Replies
{
    /// <summary>No token, or the bank refused it: the person must (re)link their account.</summary>
    public static SkillResponse LinkAccount(HandlerInput input) =>
        ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.LinkAccount))
            .WithLinkAccountCard()
            .EndSession()
            .Build();

    public static SkillResponse Say(HandlerInput input, string key, params object?[] args) =>
        ResponseBuilder.Create().Speak(input.Speech.Say(key, args)).EndSession().Build();

    public static SkillResponse Ask(HandlerInput input, Ssml speech, string repromptKey) =>
        ResponseBuilder.Create().Speak(speech).Reprompt(input.Speech.Say(repromptKey)).Build();

    /// <summary>Puts <paramref name="preface"/> before what <paramref name="response"/> says ("I've cancelled the payment. Here's your balance").</summary>
    public static SkillResponse Preface(SkillResponse response, Ssml preface)
    {
        if (!preface.IsEmpty && response.Response.OutputSpeech is SsmlOutputSpeech speech
            && speech.Ssml.StartsWith("<speak>", StringComparison.Ordinal))
        {
            // Both are well-formed SSML fragments, so the concatenation is too.
            speech.Ssml = "<speak>" + preface.Markup + " " + speech.Ssml["<speak>".Length..];
        }

        return response;
    }
}
