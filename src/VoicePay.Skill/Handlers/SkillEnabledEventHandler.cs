using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>The person enabled Voice Pay. Nothing is stored: a link and a PIN come with first use.</summary>
public sealed partial class SkillEnabledEventHandler(ILogger<SkillEnabledEventHandler> logger)
    : SkillEventHandler<SkillEnabledRequest>(RequestTypes.SkillEnabled)
{
    protected override Task HandleAsync(HandlerInput input, SkillEnabledRequest skillEvent, CancellationToken cancellationToken)
    {
        LogEnabled(logger, skillEvent.RequestId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skill enabled ({RequestId}): nothing stored")]
    private static partial void LogEnabled(ILogger logger, string? requestId);
}
