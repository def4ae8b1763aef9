using System.Text.Json.Serialization;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Requests;

/// <summary>
/// A skill lifecycle event (<c>AlexaSkillEvent.*</c>): sent outside any session, so the user and the skill
/// are only in <c>context.System</c>. Shapes from Amazon's "Use Skill Events"
/// (https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html).
/// </summary>
/// <remarks>
/// The event times and the body are read leniently: a missing, null or mistyped value counts as absent
/// rather than failing the whole request, because an event answered with an error is retried by Alexa
/// and never gets better.
/// </remarks>
public abstract class SkillEventRequest(string type) : Request(type)
{
    /// <summary>When the person acted (null when absent or not a time).</summary>
    [JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? EventCreationTime { get; set; }

    /// <summary>When Alexa published the event (null when absent or not a time).</summary>
    [JsonConverter(typeof(LenientTimestampConverter))]
    public DateTimeOffset? EventPublishingTime { get; set; }
}

/// <summary>The person enabled the skill. No body.</summary>
public sealed class SkillEnabledRequest() : SkillEventRequest(RequestTypes.SkillEnabled);

/// <summary>The person disabled the skill: what we keep about them must go.</summary>
public sealed class SkillDisabledRequest() : SkillEventRequest(RequestTypes.SkillDisabled)
{
    [JsonConverter(typeof(SkillEventBodyConverter<SkillDisabledBody>))]
    public SkillDisabledBody? Body { get; set; }
}

/// <summary>The person linked their bank account; the body carries the new access token.</summary>
public sealed class SkillAccountLinkedRequest() : SkillEventRequest(RequestTypes.SkillAccountLinked)
{
    [JsonConverter(typeof(SkillEventBodyConverter<AccountLinkedBody>))]
    public AccountLinkedBody? Body { get; set; }
}

/// <summary>The person granted permissions for the first time.</summary>
public sealed class SkillPermissionAcceptedRequest() : SkillEventRequest(RequestTypes.SkillPermissionAccepted)
{
    [JsonConverter(typeof(SkillEventBodyConverter<PermissionBody>))]
    public PermissionBody? Body { get; set; }
}

/// <summary>The person changed what they grant: the body lists what is accepted now.</summary>
public sealed class SkillPermissionChangedRequest() : SkillEventRequest(RequestTypes.SkillPermissionChanged)
{
    [JsonConverter(typeof(SkillEventBodyConverter<PermissionBody>))]
    public PermissionBody? Body { get; set; }
}

/// <summary>
/// The person turned the skill's notifications on or off in the Alexa app: the body lists the proactive
/// events they are subscribed to now (none, or no body, when they turned them all off).
/// </summary>
public sealed class ProactiveSubscriptionChangedRequest() : SkillEventRequest(RequestTypes.ProactiveSubscriptionChanged)
{
    [JsonConverter(typeof(SkillEventBodyConverter<ProactiveSubscriptionChangedBody>))]
    public ProactiveSubscriptionChangedBody? Body { get; set; }
}
