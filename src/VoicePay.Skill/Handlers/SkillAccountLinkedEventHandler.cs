using VoicePay.Alexa.Requests;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// The person linked their bank account in the Alexa app: ask the bank whose token it is and link them
/// for alerts. If the bank cannot say now (logged), their first launch links them instead
/// (<see cref="AccountLinkInterceptor"/>).
/// </summary>
public sealed class SkillAccountLinkedEventHandler(AccountLinker linker)
    : SkillEventHandler<SkillAccountLinkedRequest>(RequestTypes.SkillAccountLinked)
{
    protected override async Task HandleAsync(HandlerInput input, SkillAccountLinkedRequest skillEvent, CancellationToken cancellationToken)
    {
        // Amazon puts the new token in the body; a context token, where present, is the same one.
        if ((skillEvent.Body?.AccessToken ?? input.AccessToken) is { } token)
        {
            await linker.LinkAsync(input.UserId, token, cancellationToken);
        }
    }
}
