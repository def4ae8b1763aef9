using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Every request that is part of the conversation (the launch, the skill's intents, Alexa's built-ins,
/// the return from <c>AMAZON.VerifyPerson</c>): <see cref="ConversationInputs"/> says which input it
/// is, and <see cref="ConversationEngine"/> and its table say what it means in the current phase.
/// </summary>
public sealed class ConversationHandler(ConversationEngine engine) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => ConversationInputs.IsConversational(input);

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        engine.HandleAsync(input, cancellationToken);
}
