using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

public sealed class FallbackIntentHandler() : IntentHandler(IntentNames.Fallback)
{
    public override Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        Task.FromResult(ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.Fallback))
            .Reprompt(input.Speech.Say(SpeechKeys.FallbackReprompt))
            .Build());
}
