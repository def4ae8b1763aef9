using System.Text.Json;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Requests;

/// <summary>A skill event's body, read by hand from JSON so that a wrong type counts as absent (<see cref="SkillEventBodyConverter{T}"/>).</summary>
public interface ISkillEventBody<out TSelf>
    where TSelf : ISkillEventBody<TSelf>
{
    static abstract TSelf Read(JsonElement body);
}

public sealed class SkillDisabledBody : ISkillEventBody<SkillDisabledBody>
{
    /// <summary><c>PERSISTED</c> or <c>NOT_PERSISTED</c>: whether Alexa keeps the user id should they enable the skill again.</summary>
    public string? UserInformationPersistenceStatus { get; set; }

    public static SkillDisabledBody Read(JsonElement body) =>
        new() { UserInformationPersistenceStatus = LenientJson.String(body, "userInformationPersistenceStatus") };
}

public sealed class AccountLinkedBody : ISkillEventBody<AccountLinkedBody>
{
    /// <summary>The new account-linking token (null when absent or empty). A secret: never log, speak or show it.</summary>
    public string? AccessToken { get; set; }

    public static AccountLinkedBody Read(JsonElement body) =>
        new() { AccessToken = LenientJson.String(body, "accessToken") };
}

public sealed class PermissionBody : ISkillEventBody<PermissionBody>
{
    /// <summary>Account-level permissions accepted now; never null, nor any element.</summary>
    public List<PermissionScope> AcceptedPermissions { get; set => field = value ?? []; } = [];

    /// <summary>Person-level permissions (a recognised speaker) accepted now; never null, nor any element.</summary>
    public List<PermissionScope> AcceptedPersonPermissions { get; set => field = value ?? []; } = [];

    /// <summary>Whether <paramref name="scope"/> is accepted at either level.</summary>
    public bool Accepts(string scope) =>
        AcceptedPermissions.Exists(p => p.Scope == scope) || AcceptedPersonPermissions.Exists(p => p.Scope == scope);

    public static PermissionBody Read(JsonElement body) => new()
    {
        AcceptedPermissions = Scopes(body, "acceptedPermissions"),
        AcceptedPersonPermissions = Scopes(body, "acceptedPersonPermissions"),
    };

    private static List<PermissionScope> Scopes(JsonElement body, string name) =>
        [.. LenientJson.Strings(body, name, "scope").Select(s => new PermissionScope { Scope = s })];
}

public sealed class PermissionScope
{
    /// <summary>For example <c>alexa::devices:all:notifications:write</c>.</summary>
    public string Scope { get; set => field = value ?? string.Empty; } = string.Empty;
}

public sealed class ProactiveSubscriptionChangedBody : ISkillEventBody<ProactiveSubscriptionChangedBody>
{
    /// <summary>The events the person is subscribed to now; never null, nor any element.</summary>
    public List<ProactiveSubscription> Subscriptions { get; set => field = value ?? []; } = [];

    public bool IsSubscribedTo(string eventName) => Subscriptions.Exists(s => s.EventName == eventName);

    public static ProactiveSubscriptionChangedBody Read(JsonElement body) => new()
    {
        Subscriptions = [.. LenientJson.Strings(body, "subscriptions", "eventName").Select(e => new ProactiveSubscription { EventName = e })],
    };
}

public sealed class ProactiveSubscription
{
    /// <summary>For example <c>AMAZON.MessageAlert.Activated</c>.</summary>
    public string EventName { get; set => field = value ?? string.Empty; } = string.Empty;
}
