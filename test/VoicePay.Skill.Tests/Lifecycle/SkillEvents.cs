using System.Text;
using System.Text.Json.Nodes;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// Skill lifecycle events as Alexa sends them (no session; user and skill in context.System), written as
/// JSON and parsed, so each test also goes through the model. Shapes: Amazon's "Use Skill Events"
/// (https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html).
/// </summary>
internal static class SkillEvents
{
    public static SkillRequest AccountLinked(string? accessToken) =>
        Event(RequestTypes.SkillAccountLinked, accessToken is null ? new JsonObject() : new JsonObject { ["accessToken"] = accessToken });

    public static SkillRequest SubscriptionChanged(params string[] eventNames) =>
        Event(RequestTypes.ProactiveSubscriptionChanged, new JsonObject
        {
            ["subscriptions"] = new JsonArray([.. eventNames.Select(n => (JsonNode)new JsonObject { ["eventName"] = n })]),
        });

    public static SkillRequest PermissionChanged(params string[] scopes) => Permission(RequestTypes.SkillPermissionChanged, scopes);

    public static SkillRequest PermissionAccepted(params string[] scopes) => Permission(RequestTypes.SkillPermissionAccepted, scopes);

    public static SkillRequest Disabled() =>
        Event(RequestTypes.SkillDisabled, new JsonObject { ["userInformationPersistenceStatus"] = "NOT_PERSISTED" });

    public static SkillRequest Enabled() => Event(RequestTypes.SkillEnabled, body: null);

    /// <summary>An event of <paramref name="type"/> with <paramref name="body"/> as raw JSON (null: no body property).</summary>
    public static SkillRequest Event(string type, JsonNode? body, string skillId = Envelopes.SkillId, string userId = Envelopes.UserId, bool rawNullBody = false)
    {
        var request = new JsonObject
        {
            ["type"] = type,
            ["requestId"] = $"amzn1.echo-api.request.{Guid.NewGuid()}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["eventCreationTime"] = "2026-11-30T09:14:58Z",
            ["eventPublishingTime"] = "2026-11-30T09:14:59Z",
        };
        if (body is not null || rawNullBody)
        {
            request["body"] = body;
        }

        var envelope = new JsonObject
        {
            ["version"] = "1.0",
            ["context"] = new JsonObject
            {
                ["System"] = new JsonObject
                {
                    ["application"] = new JsonObject { ["applicationId"] = skillId },
                    ["user"] = new JsonObject { ["userId"] = userId },
                    ["apiEndpoint"] = "https://api.amazonalexa.com",
                },
            },
            ["request"] = request,
        };
        return AlexaJson.ParseRequest(Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }

    private static SkillRequest Permission(string type, string[] scopes) =>
        Event(type, new JsonObject
        {
            ["acceptedPermissions"] = new JsonArray([.. scopes.Select(s => (JsonNode)new JsonObject { ["scope"] = s })]),
        });
}
