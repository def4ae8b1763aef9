using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// An intent that is part of the conversation: the handler names the intent, the
/// <see cref="ConversationEngine"/> and its table decide what it means in the current phase.
/// </summary>
public abstract class ConversationIntentHandler(string intentName, ConversationEngine engine) : IntentHandler(intentName)
{
    public override Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        engine.HandleAsync(input, cancellationToken);
}
