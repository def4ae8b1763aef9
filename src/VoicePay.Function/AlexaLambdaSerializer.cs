using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Lambda;

namespace VoicePay.Function;

/// <summary>
/// Alexa JSON for the runtime: requests through <see cref="AlexaJson"/>, so a malformed envelope is reported to
/// Lambda as <c>InvalidEventBody</c> with the same short, payload-free reason the HTTPS host gives in its 400.
/// </summary>
public sealed class AlexaLambdaSerializer : ILambdaSerializer
{
    private readonly SourceGeneratorLambdaJsonSerializer<AlexaJsonContext> _json = new(AlexaJsonContext.Default);

    public T Deserialize<T>(Stream requestStream)
    {
        if (typeof(T) != typeof(SkillRequest))
        {
            return _json.Deserialize<T>(requestStream);
        }

        try
        {
            return (T)(object)AlexaJson.ParseRequest(requestStream);
        }
        catch (AlexaRequestFormatException ex)
        {
            throw new InvalidEventBodyException(ex.Message, ex);
        }
    }

    public void Serialize<T>(T response, Stream responseStream) => _json.Serialize(response, responseStream);
}
