using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Json;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON metadata for the Alexa model.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(SkillRequest))]
[JsonSerializable(typeof(SkillResponse))]
[JsonSerializable(typeof(LaunchRequest))]
[JsonSerializable(typeof(IntentRequest))]
[JsonSerializable(typeof(SessionEndedRequest))]
[JsonSerializable(typeof(SystemExceptionEncounteredRequest))]
[JsonSerializable(typeof(SessionResumedRequest))]
[JsonSerializable(typeof(ConnectionsResponseRequest))]
[JsonSerializable(typeof(UnknownRequest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class AlexaJsonContext : JsonSerializerContext;
