using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// "Alexa, open Voice Pay": settles any transfer whose outcome was unknown, then welcomes the
/// person and teaches Alexa their payees' names for this session (dynamic entities).
/// </summary>
public sealed class LaunchRequestHandler(ConversationEngine engine) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is LaunchRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        engine.HandleAsync(input, cancellationToken);
}
