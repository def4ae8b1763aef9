using Microsoft.Extensions.Options;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Security;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Host;

/// <summary>
/// <c>POST /alexa</c>: reads the raw body once, verifies it (signature over those exact bytes),
/// then runs the same pipeline as the Lambda function. Every rejection is a 400 with a short reason;
/// nothing a caller sends can turn into a 500 or an exception page.
/// </summary>
public static partial class AlexaEndpoint
{
    // Alexa requests are a few kilobytes; anything far larger is not Alexa.
    private const int MaxBodyBytes = 128 * 1024;

    // Alexa waits 8 seconds; answer (even with an apology) before that.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(7);

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<AlexaOptions> options,
        AlexaRequestVerifier verifier,
        SkillPipeline pipeline,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("VoicePay.Host.Alexa");
        try
        {
            return await HandleCoreAsync(context, options.Value, verifier, pipeline, logger);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads this answer.
            return Results.Empty;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel could not read the body (bad framing, too slow, cut short).
            LogUnreadableBody(logger, ex.StatusCode);
            return Results.Text("Request body could not be read.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
#pragma warning disable CA1031 // A bug must not show a stack trace (or the developer exception page) to the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name, ex);
            return Results.Text("The skill could not answer this request.", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<IResult> HandleCoreAsync(
        HttpContext context,
        AlexaOptions options,
        AlexaRequestVerifier verifier,
        SkillPipeline pipeline,
        ILogger logger)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return Results.Text("Request body is missing or too large.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        SkillRequest request;
        if (options.VerifyRequests)
        {
            var verification = await verifier.VerifyAsync(
                body,
                context.Request.Headers[AlexaRequestVerifier.CertificateChainUrlHeader].ToString(),
                context.Request.Headers[AlexaRequestVerifier.Signature256Header].ToString(),
                context.RequestAborted);
            if (!verification.IsVerified)
            {
                return Results.Text(verification.Reason, "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            request = verification.Request;
        }
        else
        {
            try
            {
                request = AlexaJson.ParseRequest(body);
            }
            catch (AlexaRequestFormatException ex)
            {
                return Results.Text(ex.Message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        // The turn's budget only, not the caller's connection: a caller that hangs up (Alexa giving up on a slow answer,
        // then retrying the same request id) must not leave a turn cut off half way, its claim unanswered. The turn
        // finishes, its answer is kept, and the retry hears it (RequestReplay); on Lambda nothing can hang up either.
        using var budget = new CancellationTokenSource(Budget);
        try
        {
            // The pipeline's bytes as they are: a replayed request id gets the first answer, byte for byte. What the turn
            // left for after its answer runs once the response is complete.
            var after = new AfterResponse();
            var response = await pipeline.RespondAsync(request, after, budget.Token);
            context.Response.OnCompleted(after.RunAsync);
            return Results.Bytes(response, "application/json");
        }
        catch (SkillRequestRejectedException ex)
        {
            LogRejected(logger, request.Request.RequestId);
            return Results.Text(ex.Message, "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected Alexa request {RequestId}: not for this skill")]
    private static partial void LogRejected(ILogger logger, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an Alexa request whose body could not be read (Kestrel status {StatusCode})")]
    private static partial void LogUnreadableBody(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "POST /alexa failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
