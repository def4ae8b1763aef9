namespace VoicePay.Alexa.Requests;

/// <summary>
/// The names a skill manifest subscribes to (<c>manifest.events.subscriptions[].eventName</c>) and the request
/// type each one arrives as. From Amazon's skill manifest reference ("events" object) and "Use Skill Events".
/// </summary>
public static class SkillEventNames
{
    public const string SkillEnabled = "SKILL_ENABLED";
    public const string SkillDisabled = "SKILL_DISABLED";
    public const string SkillAccountLinked = "SKILL_ACCOUNT_LINKED";
    public const string SkillPermissionAccepted = "SKILL_PERMISSION_ACCEPTED";
    public const string SkillPermissionChanged = "SKILL_PERMISSION_CHANGED";
    public const string SkillProactiveSubscriptionChanged = "SKILL_PROACTIVE_SUBSCRIPTION_CHANGED";

    /// <summary>Manifest event name → request type.</summary>
    public static IReadOnlyDictionary<string, string> RequestTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SkillEnabled] = Requests.RequestTypes.SkillEnabled,
        [SkillDisabled] = Requests.RequestTypes.SkillDisabled,
        [SkillAccountLinked] = Requests.RequestTypes.SkillAccountLinked,
        [SkillPermissionAccepted] = Requests.RequestTypes.SkillPermissionAccepted,
        [SkillPermissionChanged] = Requests.RequestTypes.SkillPermissionChanged,
        [SkillProactiveSubscriptionChanged] = Requests.RequestTypes.ProactiveSubscriptionChanged,
    };
}

/// <summary>The proactive event Voice Pay publishes (<c>manifest.events.publications</c>): a message alert that says nothing financial.</summary>
public static class ProactiveEventNames
{
    public const string MessageAlertActivated = "AMAZON.MessageAlert.Activated";
}

/// <summary>Permission scopes Voice Pay asks for (<c>manifest.permissions[].name</c>).</summary>
public static class PermissionScopes
{
    /// <summary>Needed to send the person Alexa notifications.</summary>
    public const string NotificationsWrite = "alexa::devices:all:notifications:write";
}
