using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Json;

/// <summary>
/// Picks the request class from <c>type</c> wherever it stands in the object. Unknown or missing
/// types become <see cref="UnknownRequest"/> so the skill can still answer.
/// </summary>
public sealed class RequestConverter : JsonConverter<Request>
{
    public override Request? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new AlexaJsonException("The 'request' property must be a JSON object.");
        }

        var type = PeekType(reader);
        Request request = type switch
        {
            RequestTypes.Launch => Deserialize(ref reader, AlexaJsonContext.Default.LaunchRequest),
            RequestTypes.Intent => Deserialize(ref reader, AlexaJsonContext.Default.IntentRequest),
            RequestTypes.SessionEnded => Deserialize(ref reader, AlexaJsonContext.Default.SessionEndedRequest),
            RequestTypes.ExceptionEncountered => Deserialize(ref reader, AlexaJsonContext.Default.SystemExceptionEncounteredRequest),
            RequestTypes.SessionResumed => Deserialize(ref reader, AlexaJsonContext.Default.SessionResumedRequest),
            RequestTypes.ConnectionsResponse => Deserialize(ref reader, AlexaJsonContext.Default.ConnectionsResponseRequest),
            RequestTypes.CanFulfillIntent => Deserialize(ref reader, AlexaJsonContext.Default.CanFulfillIntentRequest),
            RequestTypes.SkillEnabled => Deserialize(ref reader, AlexaJsonContext.Default.SkillEnabledRequest),
            RequestTypes.SkillDisabled => Deserialize(ref reader, AlexaJsonContext.Default.SkillDisabledRequest),
            RequestTypes.SkillAccountLinked => Deserialize(ref reader, AlexaJsonContext.Default.SkillAccountLinkedRequest),
            RequestTypes.SkillPermissionAccepted => Deserialize(ref reader, AlexaJsonContext.Default.SkillPermissionAcceptedRequest),
            RequestTypes.SkillPermissionChanged => Deserialize(ref reader, AlexaJsonContext.Default.SkillPermissionChangedRequest),
            RequestTypes.ProactiveSubscriptionChanged => Deserialize(ref reader, AlexaJsonContext.Default.ProactiveSubscriptionChangedRequest),
            _ => Deserialize(ref reader, AlexaJsonContext.Default.UnknownRequest),
        };

        // The "type" property itself lands in AdditionalData for unknown requests; lift it out.
        if (request is UnknownRequest unknown)
        {
            unknown.Type = type ?? string.Empty;
            unknown.AdditionalData?.Remove("type");
        }

        return request;
    }

    public override void Write(Utf8JsonWriter writer, Request value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case LaunchRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.LaunchRequest); break;
            case IntentRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.IntentRequest); break;
            case SessionEndedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SessionEndedRequest); break;
            case SystemExceptionEncounteredRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SystemExceptionEncounteredRequest); break;
            case SessionResumedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SessionResumedRequest); break;
            case ConnectionsResponseRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.ConnectionsResponseRequest); break;
            case CanFulfillIntentRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.CanFulfillIntentRequest); break;
            case SkillEnabledRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SkillEnabledRequest); break;
            case SkillDisabledRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SkillDisabledRequest); break;
            case SkillAccountLinkedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SkillAccountLinkedRequest); break;
            case SkillPermissionAcceptedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SkillPermissionAcceptedRequest); break;
            case SkillPermissionChangedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.SkillPermissionChangedRequest); break;
            case ProactiveSubscriptionChangedRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.ProactiveSubscriptionChangedRequest); break;
            case UnknownRequest r: JsonSerializer.Serialize(writer, r, AlexaJsonContext.Default.UnknownRequest); break;
            default: throw new JsonException($"Cannot write request type {value.GetType().Name}.");
        }
    }

    private static T Deserialize<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
        where T : Request =>
        JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new AlexaJsonException("The 'request' object is empty.");

    // The reader is a struct: scanning a copy leaves the caller's position untouched. The whole object is scanned, so a
    // second "type" (which the class chosen from the first would never see: it is not one of its properties) is refused.
    private static string? PeekType(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        string? type = null;
        var seen = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                break;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    if (seen)
                    {
                        throw new AlexaJsonException("The 'request' object has a duplicate property 'type'.");
                    }

                    seen = true;
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }

        return type;
    }
}
