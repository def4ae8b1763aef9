using System.Text.Json;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Alexa hands back control after <c>AMAZON.VerifyPerson</c> (the Alexa voice PIN mode).
/// Only <c>ACHIEVED</c> lets the waiting action run; everything else sends nothing.
/// </summary>
public sealed partial class SessionResumedRequestHandler(
    ConversationStore conversations,
    PendingActionRunner runner,
    TimeProvider time,
    ILogger<SessionResumedRequestHandler> logger) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is SessionResumedRequest;

    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var cause = ((SessionResumedRequest)input.Request).Cause;
        var status = cause?.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty("status", out var s)
            ? s.GetString()
            : null;
        LogResumed(logger, cause?.Token, cause?.Status?.Code, status);

        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        if (cause?.Token != PinGate.VerifyPersonToken || state.AwaitingPin is not { } action)
        {
            return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNothingPending), SpeechKeys.FallbackReprompt);
        }

        if (cause.Status?.Code == "200" && status == "ACHIEVED" && input.AccessToken is not null)
        {
            state.PinVerifiedAt = time.GetUtcNow();
            return await runner.RunAsync(input, state, action, cancellationToken);
        }

        state.AwaitingPin = null;
        state.PendingTransfer = null;
        await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
        return Replies.Say(input, status switch
        {
            "NOT_ENABLED" => SpeechKeys.VerifyPersonNotEnabled,
            "METHOD_LOCKOUT" => SpeechKeys.PinLocked,
            _ => SpeechKeys.VerifyPersonNotAchieved,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session resumed: token {Token}, status {StatusCode}, result {ResultStatus}")]
    private static partial void LogResumed(ILogger logger, string? token, string? statusCode, string? resultStatus);
}
