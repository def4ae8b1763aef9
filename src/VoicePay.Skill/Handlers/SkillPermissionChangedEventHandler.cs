using VoicePay.Alexa.Requests;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>The person changed the permissions they grant; revoking notifications turns alerts off (<see cref="NotificationPermission"/>).</summary>
public sealed class SkillPermissionChangedEventHandler(NotificationPermission permission)
    : SkillEventHandler<SkillPermissionChangedRequest>(RequestTypes.SkillPermissionChanged)
{
    protected override Task HandleAsync(HandlerInput input, SkillPermissionChangedRequest skillEvent, CancellationToken cancellationToken) =>
        permission.ApplyAsync(input.UserId, skillEvent.Body, skillEvent.RequestId, cancellationToken);
}
