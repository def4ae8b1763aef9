using System.Text.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Json;

/// <summary>The one way in and out of Alexa JSON.</summary>
public static class AlexaJson
{
    /// <summary>Parses a request envelope.</summary>
    /// <exception cref="AlexaRequestFormatException">The body is not a valid Alexa request; the message says why.</exception>
    public static SkillRequest ParseRequest(ReadOnlySpan<byte> utf8Json)
    {
        SkillRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(utf8Json, AlexaJsonContext.Default.SkillRequest);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }

        return request ?? throw new AlexaRequestFormatException("The body is not a valid Alexa request: it is empty or null.");
    }

    /// <inheritdoc cref="ParseRequest(ReadOnlySpan{byte})"/>
    public static SkillRequest ParseRequest(Stream utf8Json)
    {
        SkillRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(utf8Json, AlexaJsonContext.Default.SkillRequest);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }

        return request ?? throw new AlexaRequestFormatException("The body is not a valid Alexa request: it is empty or null.");
    }

    public static async ValueTask<SkillRequest> ParseRequestAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        SkillRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(utf8Json, AlexaJsonContext.Default.SkillRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }

        return request ?? throw new AlexaRequestFormatException("The body is not a valid Alexa request: it is empty or null.");
    }

    /// <summary>
    /// A reason safe to show a caller and to log: where the JSON went wrong and, for the rules of this model, which
    /// rule. Never System.Text.Json's own message, which quotes the payload (and with it access tokens).
    /// </summary>
    public static string DescribeError(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path ?? "$";
        if (path.Length > 120)
        {
            path = string.Concat(path.AsSpan(0, 120), "…");
        }

        var where = $"{path} (line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1})";
        return exception switch
        {
            AlexaJsonException ours => $"{ours.Reason.TrimEnd('.')} (at {where})",

            // AllowDuplicateProperties = false (AlexaJsonContext): System.Text.Json's message names the property, and
            // only the fact is repeated here, so nothing of the body is quoted.
            _ when exception.Message.StartsWith("Duplicate property", StringComparison.Ordinal) => $"duplicate property at {where}",
            _ => $"invalid JSON at {where}",
        };
    }

    private static AlexaRequestFormatException Invalid(JsonException ex) =>
        new($"The body is not a valid Alexa request: {DescribeError(ex)}.", ex);

    /// <summary>Reads a response this skill wrote (<see cref="SerializeResponse"/>): kept answers, the CLI, tests.</summary>
    public static SkillResponse ParseResponse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, AlexaJsonContext.Default.SkillResponse)
        ?? throw new JsonException("The response is JSON null.");

    public static byte[] SerializeResponse(SkillResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, AlexaJsonContext.Default.SkillResponse);

    public static Task SerializeResponseAsync(Stream destination, SkillResponse response, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(destination, response, AlexaJsonContext.Default.SkillResponse, cancellationToken);
}

/// <summary>
/// A rule of the Alexa model was broken (as opposed to JSON syntax). <see cref="Reason"/> is our own sentence, never payload.
/// </summary>
public sealed class AlexaJsonException : JsonException
{
    public AlexaJsonException()
        : this("The body breaks a rule of the Alexa request format.")
    {
    }

    public AlexaJsonException(string reason)
        : base(reason) => Reason = reason;

    public AlexaJsonException(string reason, Exception innerException)
        : base(reason, innerException) => Reason = reason;

    public string Reason { get; }
}

/// <summary>The body is not a valid Alexa request. The message is safe to show the caller: it never quotes the body.</summary>
public sealed class AlexaRequestFormatException : Exception
{
    public AlexaRequestFormatException()
    {
    }

    public AlexaRequestFormatException(string message)
        : base(message)
    {
    }

    public AlexaRequestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
