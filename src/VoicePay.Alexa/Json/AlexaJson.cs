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
            // JsonException messages name the path and position, never the payload: safe to surface.
            throw new AlexaRequestFormatException($"The body is not a valid Alexa request: {ex.Message}", ex);
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
            throw new AlexaRequestFormatException($"The body is not a valid Alexa request: {ex.Message}", ex);
        }

        return request ?? throw new AlexaRequestFormatException("The body is not a valid Alexa request: it is empty or null.");
    }

    public static byte[] SerializeResponse(SkillResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, AlexaJsonContext.Default.SkillResponse);

    public static Task SerializeResponseAsync(Stream destination, SkillResponse response, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(destination, response, AlexaJsonContext.Default.SkillResponse, cancellationToken);
}

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
