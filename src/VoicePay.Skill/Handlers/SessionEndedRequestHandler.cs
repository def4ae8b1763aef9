using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>Alexa ignores any speech here; the session is over. Errors are logged for diagnosis.</summary>
public sealed partial class SessionEndedRequestHandler(ILogger<SessionEndedRequestHandler> logger) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is SessionEndedRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var ended = (SessionEndedRequest)input.Request;
        LogSessionEnded(logger, ended.Reason ?? "(none)", ended.Error?.Type, ended.Error?.Message);
        return Task.FromResult(ResponseBuilder.Create().Build());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session ended: {Reason} {ErrorType} {ErrorMessage}")]
    private static partial void LogSessionEnded(ILogger logger, string reason, string? errorType, string? errorMessage);
}
