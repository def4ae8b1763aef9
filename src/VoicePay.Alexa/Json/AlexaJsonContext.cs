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
[JsonSerializable(typeof(SkillEnabledRequest))]
[JsonSerializable(typeof(SkillDisabledRequest))]
[JsonSerializable(typeof(SkillAccountLinkedRequest))]
[JsonSerializable(typeof(SkillPermissionAcceptedRequest))]
[JsonSerializable(typeof(SkillPermissionChangedRequest))]
[JsonSerializable(typeof(ProactiveSubscriptionChangedRequest))]
[JsonSerializable(typeof(SkillDisabledBody))]
[JsonSerializable(typeof(AccountLinkedBody))]
[JsonSerializable(typeof(PermissionBody))]
[JsonSerializable(typeof(ProactiveSubscriptionChangedBody))]
[JsonSerializable(typeof(UnknownRequest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class AlexaJsonContext : JsonSerializerContext;
