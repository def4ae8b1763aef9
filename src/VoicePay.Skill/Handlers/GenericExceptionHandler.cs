using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Last line of defence: any handler failure is an apology that says, truthfully, that nothing moved.
/// Money-moving handlers catch their own failures first, because there the truth may differ.
/// </summary>
public sealed class GenericExceptionHandler : IExceptionHandler
{
    public bool CanHandle(HandlerInput input, Exception exception) => exception is not OperationCanceledException;

    public Task<SkillResponse> HandleAsync(HandlerInput input, Exception exception, CancellationToken cancellationToken) =>
        Task.FromResult(ResponseBuilder.Create()
            .Speak(input.Speech.Say(SpeechKeys.Error))
            .EndSession()
            .Build());
}
