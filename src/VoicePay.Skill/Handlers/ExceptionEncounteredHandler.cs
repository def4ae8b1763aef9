using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>Alexa reports that our previous response was invalid. It accepts no speech, so we log and answer empty.</summary>
public sealed partial class ExceptionEncounteredHandler(ILogger<ExceptionEncounteredHandler> logger) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is SystemExceptionEncounteredRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var request = (SystemExceptionEncounteredRequest)input.Request;
        LogExceptionEncountered(logger, request.Error?.Type, request.Error?.Message, request.Cause?.RequestId);
        return Task.FromResult(ResponseBuilder.Create().Build());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alexa rejected our response: {ErrorType} {ErrorMessage} (request {CauseRequestId})")]
    private static partial void LogExceptionEncountered(ILogger logger, string? errorType, string? errorMessage, string? causeRequestId);
}
