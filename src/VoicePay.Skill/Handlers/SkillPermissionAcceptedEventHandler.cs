using VoicePay.Alexa.Requests;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>The person granted permissions for the first time (<see cref="NotificationPermission"/>).</summary>
public sealed class SkillPermissionAcceptedEventHandler(NotificationPermission permission)
    : SkillEventHandler<SkillPermissionAcceptedRequest>(RequestTypes.SkillPermissionAccepted)
{
    protected override Task HandleAsync(HandlerInput input, SkillPermissionAcceptedRequest skillEvent, CancellationToken cancellationToken) =>
        permission.ApplyAsync(input.UserId, skillEvent.Body, skillEvent.RequestId, cancellationToken);
}
