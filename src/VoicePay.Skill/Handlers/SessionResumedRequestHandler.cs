using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Alexa hands back control after <c>AMAZON.VerifyPerson</c> (the Alexa voice PIN mode). Only
/// <c>ACHIEVED</c> lets the waiting action run; everything else sends nothing.
/// </summary>
public sealed class SessionResumedRequestHandler(ConversationEngine engine) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is SessionResumedRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        engine.HandleAsync(input, cancellationToken);
}
