using System.Text.Json.Serialization;
using VoicePay.Alexa.Apis.Directives;
using VoicePay.Alexa.Apis.LoginWithAmazon;
using VoicePay.Alexa.Apis.ProactiveEvents;

namespace VoicePay.Alexa.Apis;

/// <summary>Source-generated JSON for Amazon's REST APIs the skill calls (Login with Amazon, Proactive Events, directives).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LwaTokenResponse))]
[JsonSerializable(typeof(ProactiveEventRequest))]
[JsonSerializable(typeof(DirectiveRequest))]
internal sealed partial class AlexaApisJsonContext : JsonSerializerContext;
