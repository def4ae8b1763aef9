using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// The person disabled Voice Pay: everything kept about them goes (<see cref="IPersonalData.ForgetAsync"/>;
/// transfers still in doubt are kept until the bank settles them, docs/privacy.md). Done whatever
/// <c>userInformationPersistenceStatus</c> says: Alexa keeping the user id is no reason for us to keep data.
/// </summary>
public sealed partial class SkillDisabledEventHandler(
    TimeProvider time,
    ILogger<SkillDisabledEventHandler> logger,
    IPersonalData personalData)
    : SkillEventHandler<SkillDisabledRequest>(RequestTypes.SkillDisabled)
{
    protected override async Task HandleAsync(HandlerInput input, SkillDisabledRequest skillEvent, CancellationToken cancellationToken)
    {
        // A failure here propagates: the pipeline logs it, and nothing pretends the data is gone.
        await personalData.ForgetAsync(input.UserId, time.GetUtcNow(), cancellationToken);
        LogForgotten(logger, skillEvent.RequestId, skillEvent.Body?.UserInformationPersistenceStatus ?? "(none)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skill disabled ({RequestId}, persistence {PersistenceStatus}): the person's data was deleted")]
    private static partial void LogForgotten(ILogger logger, string? requestId, string persistenceStatus);
}
