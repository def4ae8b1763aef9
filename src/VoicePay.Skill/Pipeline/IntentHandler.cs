using VoicePay.Alexa.Responses;

namespace VoicePay.Skill.Pipeline;

/// <summary>A handler for exactly one intent: one class per intent, found by its name.</summary>
public abstract class IntentHandler(string intentName) : IRequestHandler
{
    public string IntentName { get; } = intentName;

    public virtual bool CanHandle(HandlerInput input) => input.IsIntent(IntentName);

    public abstract Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken);
}
