using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// The catch-all, registered last: unknown intents, unknown request types and requests without a
/// type all get a spoken way forward instead of an error.
/// </summary>
public sealed class UnhandledRequestHandler : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => true;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        Task.FromResult(ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.UnknownRequest))
            .Reprompt(input.Speech.Say(SpeechKeys.FallbackReprompt))
            .Build());
}
