using System.Text;
using System.Text.Json.Nodes;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Tests;

/// <summary>
/// The skill lifecycle events, from fixtures written after Amazon's "Use Skill Events" page
/// (https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html); and their
/// broken bodies, which read as absent rather than failing the request.
/// </summary>
public sealed class SkillEventParsingTests
{
    private const string NotificationsScope = "alexa::devices:all:notifications:write";

    [Fact]
    public void SkillEnabled_has_no_session_and_names_user_and_skill_in_the_context()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("skill-enabled.json"));

        var enabled = Assert.IsType<SkillEnabledRequest>(envelope.Request);
        Assert.Equal(RequestTypes.SkillEnabled, enabled.Type);
        Assert.Null(envelope.Session);
        Assert.Equal("amzn1.ask.account.TESTUSER", envelope.Context!.System!.User!.UserId);
        Assert.Equal("amzn1.ask.skill.00000000-0000-0000-0000-000000000000", envelope.Context.System.Application!.ApplicationId);
        Assert.Null(envelope.Context.System.User.AccessToken);
        AssertTimes(enabled);
    }

    [Fact]
    public void SkillDisabled_reads_the_persistence_status()
    {
        var disabled = Assert.IsType<SkillDisabledRequest>(AlexaJson.ParseRequest(Fixture.Bytes("skill-disabled.json")).Request);

        Assert.Equal("PERSISTED", disabled.Body!.UserInformationPersistenceStatus);
        AssertTimes(disabled);
    }

    [Fact]
    public void SkillAccountLinked_reads_the_access_token_from_the_body()
    {
        var envelope = AlexaJson.ParseRequest(Fixture.Bytes("skill-account-linked.json"));

        var linked = Assert.IsType<SkillAccountLinkedRequest>(envelope.Request);
        Assert.Equal("demo-alice-token", linked.Body!.AccessToken);
        Assert.Null(envelope.Context!.System!.User!.AccessToken);
        AssertTimes(linked);
    }

    [Fact]
    public void SkillPermissionAccepted_reads_account_and_person_scopes()
    {
        var accepted = Assert.IsType<SkillPermissionAcceptedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("skill-permission-accepted.json")).Request);

        Assert.Equal([NotificationsScope], accepted.Body!.AcceptedPermissions.Select(p => p.Scope));
        Assert.Equal(["alexa::profile:given_name:read"], accepted.Body.AcceptedPersonPermissions.Select(p => p.Scope));
        Assert.True(accepted.Body.Accepts(NotificationsScope));
        AssertTimes(accepted);
    }

    [Fact]
    public void SkillPermissionChanged_lists_what_is_accepted_now()
    {
        var changed = Assert.IsType<SkillPermissionChangedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("skill-permission-changed.json")).Request);

        Assert.Equal(["alexa::profile:email:read"], changed.Body!.AcceptedPermissions.Select(p => p.Scope));
        Assert.Empty(changed.Body.AcceptedPersonPermissions);
        Assert.False(changed.Body.Accepts(NotificationsScope));
    }

    [Fact]
    public void ProactiveSubscriptionChanged_lists_the_subscribed_events_or_none()
    {
        var subscribed = Assert.IsType<ProactiveSubscriptionChangedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("proactive-subscription-changed.json")).Request);
        var none = Assert.IsType<ProactiveSubscriptionChangedRequest>(AlexaJson.ParseRequest(Fixture.Bytes("proactive-subscription-changed-none.json")).Request);

        Assert.Equal(["AMAZON.MessageAlert.Activated"], subscribed.Body!.Subscriptions.Select(s => s.EventName));
        Assert.True(subscribed.Body.IsSubscribedTo("AMAZON.MessageAlert.Activated"));
        Assert.Empty(none.Body!.Subscriptions);
        Assert.False(none.Body.IsSubscribedTo("AMAZON.MessageAlert.Activated"));
    }

    public static TheoryData<string, string> BrokenBodies => new()
    {
        { "skill-account-linked.json", "null" },
        { "skill-account-linked.json", "42" },
        { "skill-account-linked.json", "[]" },
        { "skill-account-linked.json", """{"accessToken":42}""" },
        { "skill-account-linked.json", """{"accessToken":{"a":1}}""" },
        { "skill-account-linked.json", """{"accessToken":""}""" },
        { "skill-disabled.json", """{"userInformationPersistenceStatus":true}""" },
        { "skill-permission-accepted.json", """{"acceptedPermissions":"all","acceptedPersonPermissions":null}""" },
        { "skill-permission-changed.json", """{"acceptedPermissions":[null,7,{"scope":null},{"scope":3},{}]}""" },
        { "proactive-subscription-changed.json", """{"subscriptions":{"eventName":"AMAZON.MessageAlert.Activated"}}""" },
        { "proactive-subscription-changed.json", """{"subscriptions":[null,"AMAZON.MessageAlert.Activated",{"eventName":5}]}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public void A_broken_body_reads_as_absent_and_never_fails_the_request(string fixture, string body)
    {
        var request = AlexaJson.ParseRequest(Edit(fixture, r => r["body"] = JsonNode.Parse(body))).Request;

        switch (request)
        {
            case SkillAccountLinkedRequest linked:
                Assert.Null(linked.Body?.AccessToken);
                break;
            case SkillDisabledRequest disabled:
                Assert.Null(disabled.Body?.UserInformationPersistenceStatus);
                break;
            case SkillPermissionAcceptedRequest accepted:
                Assert.Empty(accepted.Body!.AcceptedPermissions);
                Assert.Empty(accepted.Body.AcceptedPersonPermissions);
                break;
            case SkillPermissionChangedRequest changed:
                Assert.Empty(changed.Body!.AcceptedPermissions);
                break;
            case ProactiveSubscriptionChangedRequest subscription:
                Assert.Empty(subscription.Body!.Subscriptions);
                break;
            default:
                Assert.Fail($"Unexpected {request.GetType().Name}");
                break;
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"yesterday\"")]
    [InlineData("1.5")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void A_broken_event_time_is_absent(string time)
    {
        var request = Assert.IsType<SkillEnabledRequest>(AlexaJson.ParseRequest(Edit("skill-enabled.json", r =>
        {
            r["eventCreationTime"] = JsonNode.Parse(time);
            r["eventPublishingTime"] = JsonNode.Parse(time);
        })).Request);

        Assert.Null(request.EventCreationTime);
        Assert.Null(request.EventPublishingTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero), request.Timestamp);
    }

    [Fact]
    public void Event_times_may_be_epoch_numbers_like_the_request_timestamp()
    {
        var request = AlexaJson.ParseRequest(Edit("skill-enabled.json", r => r["eventCreationTime"] = 1_796_030_098_000)).Request;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_796_030_098_000), ((SkillEventRequest)request).EventCreationTime);
    }

    private static void AssertTimes(SkillEventRequest request)
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero), request.Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 14, 58, TimeSpan.Zero), request.EventCreationTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 14, 59, TimeSpan.Zero), request.EventPublishingTime);
    }

    private static byte[] Edit(string fixture, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(Fixture.Bytes(fixture))!.AsObject();
        edit(document["request"]!.AsObject());
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }
}
