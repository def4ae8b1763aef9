using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Json;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON metadata for the Alexa model.</summary>
/// <remarks>
/// Duplicate properties are refused: System.Text.Json would otherwise keep the last value, so a body with a stale then
/// a fresh <c>timestamp</c>, or another skill's <c>applicationId</c> then ours, would pass the checks that read it.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SkillRequest))]
[JsonSerializable(typeof(SkillResponse))]
[JsonSerializable(typeof(LaunchRequest))]
[JsonSerializable(typeof(IntentRequest))]
[JsonSerializable(typeof(SessionEndedRequest))]
[JsonSerializable(typeof(SystemExceptionEncounteredRequest))]
[JsonSerializable(typeof(SessionResumedRequest))]
[JsonSerializable(typeof(ConnectionsResponseRequest))]
[JsonSerializable(typeof(CanFulfillIntentRequest))]
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
