using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Alexa ignores any speech here; the session is over, so its conversation state goes with it (issue 16, item 11):
/// a later request naming the same session id starts afresh, with no PIN verification carried over.
/// Errors are logged for diagnosis.
/// </summary>
public sealed partial class SessionEndedRequestHandler(ConversationStore conversations, ILogger<SessionEndedRequestHandler> logger) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is SessionEndedRequest;

    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var ended = (SessionEndedRequest)input.Request;
        LogSessionEnded(logger, ended.Reason ?? "(none)", ended.Error?.Type, ended.Error?.Message);
        await conversations.DeleteAsync(input.UserId, input.SessionId, cancellationToken);
        return ResponseBuilder.Create().Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session ended: {Reason} {ErrorType} {ErrorMessage}")]
    private static partial void LogSessionEnded(ILogger logger, string reason, string? errorType, string? errorMessage);
}
