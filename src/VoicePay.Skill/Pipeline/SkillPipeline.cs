using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Skill.Pipeline;

/// <summary>
/// The one way a request becomes a response, shared by the Lambda function, the HTTPS host and the CLI:
/// skill-ID check, the replay guard (<see cref="RequestReplay"/>: a request id is answered once, and a repeat gets
/// the same bytes), request interceptors, the first handler that can handle it, response interceptors, and exception
/// handlers so that no request goes unanswered.
/// </summary>
public sealed partial class SkillPipeline(
    IEnumerable<IRequestHandler> handlers,
    IEnumerable<IRequestInterceptor> requestInterceptors,
    IEnumerable<IResponseInterceptor> responseInterceptors,
    IEnumerable<IExceptionHandler> exceptionHandlers,
    RequestReplay replay,
    SpeechCatalogs speech,
    IOptions<SkillOptions> options,
    ILogger<SkillPipeline> logger)
{
    private readonly IRequestHandler[] handlers = [.. handlers];
    private readonly IRequestInterceptor[] requestInterceptors = [.. requestInterceptors];
    private readonly IResponseInterceptor[] responseInterceptors = [.. responseInterceptors];
    private readonly IExceptionHandler[] exceptionHandlers = [.. exceptionHandlers];

    /// <summary>The response as a model (the CLI, tests): the bytes of <see cref="RespondAsync(SkillRequest, CancellationToken)"/>, read back.</summary>
    /// <exception cref="SkillRequestRejectedException">The request is for another skill, or names no user; nothing ran.</exception>
    public async Task<SkillResponse> HandleAsync(SkillRequest request, CancellationToken cancellationToken) =>
        AlexaJson.ParseResponse(await RespondAsync(request, cancellationToken));

    /// <summary>
    /// The response's JSON, which the entry points send as it is: for a request id answered before, the same bytes
    /// as the first time, and nothing runs. What the turn left for after its answer has run when this returns.
    /// </summary>
    /// <exception cref="SkillRequestRejectedException">The request is for another skill, or names no user; nothing ran.</exception>
    public async Task<byte[]> RespondAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        var after = new AfterResponse();
        var response = await RespondAsync(request, after, cancellationToken);
        await after.RunAsync();
        return response;
    }

    /// <summary>
    /// As <see cref="RespondAsync(SkillRequest, CancellationToken)"/>, but what the turn leaves for after its answer goes
    /// to <paramref name="afterResponse"/>, for the caller to run once the answer is sent (the function, the host).
    /// </summary>
    /// <exception cref="SkillRequestRejectedException">The request is for another skill, or names no user; nothing ran.</exception>
    public async Task<byte[]> RespondAsync(SkillRequest request, AfterResponse afterResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(afterResponse);
        var started = Stopwatch.GetTimestamp();
        var intentName = (request.Request as IntentRequest)?.Intent.Name;
        using var activity = VoicePayTelemetry.Source.StartActivity(TurnSpanName, ActivityKind.Server);
        activity?.SetTag("alexa.request.type", request.Request.Type);
        activity?.SetTag("alexa.intent", intentName);
        try
        {
            return await HandleTurnAsync(request, afterResponse, activity, cancellationToken);
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

    private async Task<byte[]> HandleTurnAsync(SkillRequest request, AfterResponse afterResponse, Activity? activity, CancellationToken cancellationToken)
    {
        VerifySkillId(request);

        var input = new HandlerInput(request, speech.For(request.Request.Locale), afterResponse);
        CurrentTurn.Enter(input);

        // Every Alexa request names its user; without one, server-side state would be shared by all such requests.
        if (input.UserId.Length == 0)
        {
            LogNoUser(logger, request.Request.RequestId);
            throw new SkillRequestRejectedException("The request names no user.");
        }

        LogRequest(logger, request.Request.Type, (request.Request as IntentRequest)?.Intent.Name, request.Request.RequestId);

        ReplayClaim claim;
        try
        {
            claim = RequestReplay.CanAct(input) ? await replay.ClaimAsync(request, input.UserId, cancellationToken) : ReplayClaim.Untracked;
        }
        catch (Exception ex) when (ex is not SkillRequestRejectedException)
        {
            // The store could not claim the request: nothing has run, so the exception handlers' answer is true; nothing is kept.
            return AlexaJson.SerializeResponse(await AnswerFailureAsync(input, ex, activity));
        }

        switch (claim.Outcome)
        {
            case ReplayOutcome.Answered:
                return claim.Response!;
            case ReplayOutcome.StillRunning:
                return AlexaJson.SerializeResponse(StillWorking(input));
        }

        var response = AlexaJson.SerializeResponse(await RunAsync(input, activity, cancellationToken));
        if (claim.Outcome == ReplayOutcome.Claimed)
        {
            await replay.SaveAsync(request, input.UserId, response);
        }

        return response;
    }

    private async Task<SkillResponse> RunAsync(HandlerInput input, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var interceptor in requestInterceptors)
            {
                await interceptor.ProcessAsync(input, cancellationToken);
            }

            var handler = Array.Find(handlers, h => h.CanHandle(input))
                ?? throw new InvalidOperationException($"No handler for request type '{input.Request.Type}'.");
            var response = await handler.HandleAsync(input, cancellationToken);

            foreach (var interceptor in responseInterceptors)
            {
                await interceptor.ProcessAsync(input, response, cancellationToken);
            }

            return response;
        }
        catch (Exception ex) when (ex is not SkillRequestRejectedException)
        {
            return await AnswerFailureAsync(input, ex, activity);
        }
    }

    /// <summary>The first exception handler's answer; rethrows when none takes the exception.</summary>
    private async Task<SkillResponse> AnswerFailureAsync(HandlerInput input, Exception ex, Activity? activity)
    {
        var exceptionHandler = Array.Find(exceptionHandlers, h => h.CanHandle(input, ex));
        if (exceptionHandler is null)
        {
            ExceptionDispatchInfo.Throw(ex);
        }

        LogHandlerFailed(logger, ex.GetType().Name, input.Request.RequestId, ex);
        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        return await exceptionHandler.HandleAsync(input, ex, CancellationToken.None);
    }

    /// <summary>
    /// The answer to a repeat whose first delivery has not answered: it acts on nothing, and only requests that may
    /// speak say so (an event or a session end gets the empty response Alexa expects).
    /// </summary>
    private static SkillResponse StillWorking(HandlerInput input) =>
        input.Request is LaunchRequest or IntentRequest
            ? ResponseBuilder.Create()
                .Speak(input.Speech.Say(SpeechKeys.StillWorking))
                .Reprompt(input.Speech.Say(SpeechKeys.StillWorkingReprompt))
                .Build()
            : ResponseBuilder.Create().Build();

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
