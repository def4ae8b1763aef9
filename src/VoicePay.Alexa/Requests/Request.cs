using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Requests;

/// <summary>
/// The <c>request</c> object. <see cref="RequestConverter"/> picks the concrete type from
/// <c>type</c>; anything we do not model becomes an <see cref="UnknownRequest"/>.
/// </summary>
public abstract class Request
{
    protected Request(string type) => Type = type;

    public string Type { get; set; }

    public string? RequestId { get; set; }

    [JsonConverter(typeof(AlexaTimestampConverter))]
    public DateTimeOffset Timestamp { get; set; }

    public string? Locale { get; set; }
}

public sealed class LaunchRequest() : Request(RequestTypes.Launch);

public sealed class IntentRequest() : Request(RequestTypes.Intent), IJsonOnDeserialized
{
    /// <summary><c>STARTED</c>, <c>IN_PROGRESS</c> or <c>COMPLETED</c> when the skill has a dialog model.</summary>
    public string? DialogState { get; set; }

    /// <summary>Reading JSON, a missing or null <c>intent</c> is an error: an intent request names its intent.</summary>
    public Intent Intent
    {
        get;
        set
        {
            field = value;
            _intentRead = true;
        }
    } = new();

    private bool _intentRead;

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (!_intentRead || Intent is null)
        {
            throw new AlexaJsonException("The IntentRequest has no 'intent' object.");
        }
    }
}

public sealed class SessionEndedRequest() : Request(RequestTypes.SessionEnded)
{
    /// <summary><c>USER_INITIATED</c>, <c>ERROR</c> or <c>EXCEEDED_MAX_REPROMPTS</c>.</summary>
    public string? Reason { get; set; }

    public AlexaError? Error { get; set; }
}

public sealed class SystemExceptionEncounteredRequest() : Request(RequestTypes.ExceptionEncountered)
{
    public AlexaError? Error { get; set; }

    public ErrorCause? Cause { get; set; }
}

/// <summary>Sent when a skill connection (for example <c>AMAZON.VerifyPerson</c>) hands control back.</summary>
public sealed class SessionResumedRequest() : Request(RequestTypes.SessionResumed)
{
    public ConnectionCause? Cause { get; set; }
}

public sealed class ConnectionsResponseRequest() : Request(RequestTypes.ConnectionsResponse)
{
    public string? Name { get; set; }

    public ConnectionStatus? Status { get; set; }

    public JsonElement? Payload { get; set; }

    public string? Token { get; set; }
}

/// <summary>Any request type this model does not know. Extra fields are kept for logging and round trips.</summary>
public sealed class UnknownRequest() : Request(string.Empty)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalData { get; set; }
}

public sealed class AlexaError
{
    public string? Type { get; set; }

    public string? Message { get; set; }
}

public sealed class ErrorCause
{
    public string? RequestId { get; set; }
}

public sealed class ConnectionCause
{
    public string? Type { get; set; }

    public string? Token { get; set; }

    public ConnectionStatus? Status { get; set; }

    public JsonElement? Result { get; set; }
}

public sealed class ConnectionStatus
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}

public static class RequestTypes
{
    public const string Launch = "LaunchRequest";
    public const string Intent = "IntentRequest";
    public const string SessionEnded = "SessionEndedRequest";
    public const string ExceptionEncountered = "System.ExceptionEncountered";
    public const string SessionResumed = "SessionResumedRequest";
    public const string ConnectionsResponse = "Connections.Response";
    public const string CanFulfillIntent = "CanFulfillIntentRequest";
    public const string SkillEnabled = "AlexaSkillEvent.SkillEnabled";
    public const string SkillDisabled = "AlexaSkillEvent.SkillDisabled";
    public const string SkillAccountLinked = "AlexaSkillEvent.SkillAccountLinked";
    public const string SkillPermissionAccepted = "AlexaSkillEvent.SkillPermissionAccepted";
    public const string SkillPermissionChanged = "AlexaSkillEvent.SkillPermissionChanged";

    /// <summary>Amazon's name has no "Skill" before "Proactive" (the manifest's is <c>SKILL_PROACTIVE_SUBSCRIPTION_CHANGED</c>).</summary>
    public const string ProactiveSubscriptionChanged = "AlexaSkillEvent.ProactiveSubscriptionChanged";
}
