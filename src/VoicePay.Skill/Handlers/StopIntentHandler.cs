using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

public sealed class StopIntentHandler() : IntentHandler(IntentNames.Stop)
{
    public override Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        Task.FromResult(ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.Goodbye))
            .EndSession()
            .Build());
}
