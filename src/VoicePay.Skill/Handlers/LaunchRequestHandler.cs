using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

public sealed class LaunchRequestHandler : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is LaunchRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        Task.FromResult(ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.Welcome))
            .Reprompt(input.Speech.Say(SpeechKeys.WelcomeReprompt))
            .Build());
}
