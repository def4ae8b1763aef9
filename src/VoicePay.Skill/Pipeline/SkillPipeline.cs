using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Skill.Pipeline;

/// <summary>
/// The one way a request becomes a response, shared by the Lambda function, the HTTPS host and the CLI:
/// skill-ID check, request interceptors, the first handler that can handle it, response interceptors,
/// and exception handlers so that no request goes unanswered.
/// </summary>
public sealed partial class SkillPipeline(
    IEnumerable<IRequestHandler> handlers,
    IEnumerable<IRequestInterceptor> requestInterceptors,
    IEnumerable<IResponseInterceptor> responseInterceptors,
    IEnumerable<IExceptionHandler> exceptionHandlers,
    SpeechCatalogs speech,
    IOptions<SkillOptions> options,
    ILogger<SkillPipeline> logger)
{
    private readonly IRequestHandler[] handlers = [.. handlers];
    private readonly IRequestInterceptor[] requestInterceptors = [.. requestInterceptors];
    private readonly IResponseInterceptor[] responseInterceptors = [.. responseInterceptors];
    private readonly IExceptionHandler[] exceptionHandlers = [.. exceptionHandlers];

    /// <exception cref="SkillRequestRejectedException">The request is for another skill; nothing ran.</exception>
    public async Task<SkillResponse> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var intentName = (request.Request as IntentRequest)?.Intent.Name;
        using var activity = VoicePayTelemetry.Source.StartActivity(TurnSpanName, ActivityKind.Server);
        activity?.SetTag("alexa.request.type", request.Request.Type);
        activity?.SetTag("alexa.intent", intentName);
        try
        {
            return await HandleTurnAsync(request, activity, cancellationToken);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            if (VoicePayTelemetry.TurnDuration.Enabled)
            {
                var tags = new TagList { { "request_type", request.Request.Type } };
                if (intentName is not null)
                {
                    tags.Add("intent", intentName);
                }

                VoicePayTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            }
        }
    }

    /// <summary>The name of the span each turn runs in (<see cref="VoicePayTelemetry.Source"/>).</summary>
    public const string TurnSpanName = "turn";

    private async Task<SkillResponse> HandleTurnAsync(SkillRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        VerifySkillId(request);

        var input = new HandlerInput(request, speech.For(request.Request.Locale));
        CurrentTurn.Enter(input);

        // Every Alexa request names its user; without one, server-side state would be shared by all such requests.
        if (input.UserId.Length == 0)
        {
            LogNoUser(logger, request.Request.RequestId);
            throw new SkillRequestRejectedException("The request names no user.");
        }

        LogRequest(logger, request.Request.Type, (request.Request as IntentRequest)?.Intent.Name, request.Request.RequestId);

        SkillResponse response;
        try
        {
            foreach (var interceptor in requestInterceptors)
            {
                await interceptor.ProcessAsync(input, cancellationToken);
            }

            var handler = Array.Find(handlers, h => h.CanHandle(input))
                ?? throw new InvalidOperationException($"No handler for request type '{request.Request.Type}'.");
            response = await handler.HandleAsync(input, cancellationToken);

            foreach (var interceptor in responseInterceptors)
            {
                await interceptor.ProcessAsync(input, response, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not SkillRequestRejectedException)
        {
            var exceptionHandler = Array.Find(exceptionHandlers, h => h.CanHandle(input, ex));
            if (exceptionHandler is null)
            {
                throw;
            }

            LogHandlerFailed(logger, ex.GetType().Name, request.Request.RequestId, ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            response = await exceptionHandler.HandleAsync(input, ex, CancellationToken.None);
        }

        return response;
    }

    private void VerifySkillId(SkillRequest request)
    {
        var applicationId = request.Context?.System?.Application?.ApplicationId ?? request.Session?.Application?.ApplicationId;
        if (string.IsNullOrEmpty(options.Value.SkillId) || !string.Equals(applicationId, options.Value.SkillId, StringComparison.Ordinal))
        {
            LogSkillIdRejected(logger, applicationId ?? "(none)", request.Request.RequestId);
            throw new SkillRequestRejectedException("The request is not for this skill.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handling {RequestType} {IntentName} ({RequestId})")]
    private static partial void LogRequest(ILogger logger, string requestType, string? intentName, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected request {RequestId}: application ID {ApplicationId} is not this skill")]
    private static partial void LogSkillIdRejected(ILogger logger, string applicationId, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected request {RequestId}: no user ID")]
    private static partial void LogNoUser(ILogger logger, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler failed with {ExceptionType} for request {RequestId}")]
    private static partial void LogHandlerFailed(ILogger logger, string exceptionType, string? requestId, Exception exception);
}
