using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Tests.Conversation;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// The skill's lifecycle events through the real composition root, against the sandbox bank over loopback.
/// The alert store and personal-data deletion are in-memory test implementations registered over the
/// composition (<see cref="InMemoryAlertStore"/>) until the stores' real adapters are merged.
/// </summary>
public sealed class SkillEventTests : IAsyncLifetime
{
    private readonly InMemoryAlertStore alerts = new();
    private SkillHarness harness = null!;
    private InMemoryPersonalData personalData = null!;

    public async Task InitializeAsync()
    {
        personalData = new InMemoryPersonalData(alerts);
        harness = await SkillHarness.StartAsync(configure: services => services
            .AddSingleton<IAlertStore>(alerts)
            .AddSingleton<IPersonalData>(personalData));
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Account_linked_asks_the_bank_whose_token_it_is_and_links_that_customer()
    {
        AssertEmpty(await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken)));

        var link = Assert.Single(alerts.Links);
        Assert.Equal(Envelopes.UserId, link.UserId);
        Assert.Equal(SkillHarness.AliceCustomer, link.CustomerId);
        Assert.False(link.Subscribed);
    }

    [Fact]
    public async Task Account_linked_with_a_token_the_bank_does_not_know_links_nobody_and_still_answers()
    {
        AssertEmpty(await Handle(SkillEvents.AccountLinked("not-a-token-the-bank-issued")));

        Assert.Empty(alerts.Links);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Could not link the person for alerts: the bank answered Unauthorized", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains("not-a-token-the-bank-issued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Account_linked_keeps_a_subscription_that_arrived_first()
    {
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        Assert.Equal([Envelopes.UserId], await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));
    }

    [Fact]
    public async Task The_first_launch_with_a_token_links_the_person_and_later_launches_read_the_store_once()
    {
        var welcome = Speech.Of(await harness.NewConversation().Launch());
        Assert.StartsWith("Welcome to Voice Pay.", welcome, StringComparison.Ordinal);
        Assert.Equal(SkillHarness.AliceCustomer, Assert.Single(alerts.Links).CustomerId);

        var readsBefore = alerts.LinkReads;
        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        Assert.Equal(readsBefore + 1, alerts.LinkReads);
    }

    [Fact]
    public async Task An_intent_with_a_token_from_an_unlinked_person_neither_links_nor_reads_the_store()
    {
        await harness.NewConversation().Intent(IntentNames.Help);

        Assert.Empty(alerts.Links);
        Assert.Equal(0, alerts.LinkReads);
    }

    [Fact]
    public async Task A_request_without_a_token_from_a_linked_person_unlinks_them()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));

        var unlinked = harness.NewConversation(accessToken: null);
        await unlinked.Intent(IntentNames.Help);

        Assert.Empty(alerts.Links);
        Assert.Empty(await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_without_a_token_keeps_a_subscription_that_was_never_linked()
    {
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));

        await harness.NewConversation(accessToken: null).Launch();

        Assert.True(Assert.Single(alerts.Links).Subscribed);
    }

    [Fact]
    public async Task Events_without_a_token_never_unlink()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        await Handle(SkillEvents.Enabled());
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        await Handle(SkillEvents.PermissionChanged(PermissionScopes.NotificationsWrite));

        Assert.Equal(SkillHarness.AliceCustomer, Assert.Single(alerts.Links).CustomerId);
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_turns_alerts_on_and_off()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        AssertEmpty(await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated)));
        Assert.Equal([Envelopes.UserId], await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));

        AssertEmpty(await Handle(SkillEvents.SubscriptionChanged()));
        Assert.Empty(await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));

        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        AssertEmpty(await Handle(SkillEvents.Event(RequestTypes.ProactiveSubscriptionChanged, new JsonObject())));
        Assert.Empty(await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));
    }

    [Fact]
    public async Task A_subscription_to_some_other_event_is_not_a_subscription_to_alerts()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        await Handle(SkillEvents.SubscriptionChanged("AMAZON.WeatherAlert.Activated"));

        Assert.False(Assert.Single(alerts.Links).Subscribed);
    }

    [Theory]
    [InlineData(RequestTypes.SkillPermissionChanged)]
    [InlineData(RequestTypes.SkillPermissionAccepted)]
    public async Task Revoking_the_notifications_permission_unsubscribes_and_keeping_it_does_not(string type)
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));

        var kept = type == RequestTypes.SkillPermissionChanged
            ? SkillEvents.PermissionChanged(PermissionScopes.NotificationsWrite, "alexa::profile:email:read")
            : SkillEvents.PermissionAccepted(PermissionScopes.NotificationsWrite);
        AssertEmpty(await Handle(kept));
        Assert.True(Assert.Single(alerts.Links).Subscribed);

        var revoked = type == RequestTypes.SkillPermissionChanged
            ? SkillEvents.PermissionChanged("alexa::profile:email:read")
            : SkillEvents.PermissionAccepted("alexa::profile:email:read");
        AssertEmpty(await Handle(revoked));
        Assert.False(Assert.Single(alerts.Links).Subscribed);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Permissions accepted now", StringComparison.Ordinal) && l.Contains("alexa::profile:email:read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabling_the_skill_forgets_the_person()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        AssertEmpty(await Handle(SkillEvents.Disabled()));

        Assert.Equal([Envelopes.UserId], personalData.Forgotten);
        Assert.Empty(alerts.Links);
    }

    [Fact]
    public async Task Enabling_the_skill_stores_nothing()
    {
        AssertEmpty(await Handle(SkillEvents.Enabled()));

        Assert.Empty(alerts.Links);
        Assert.Empty(personalData.Forgotten);
    }

    public static TheoryData<string> EventTypes =>
    [
        RequestTypes.SkillEnabled,
        RequestTypes.SkillDisabled,
        RequestTypes.SkillAccountLinked,
        RequestTypes.SkillPermissionAccepted,
        RequestTypes.SkillPermissionChanged,
        RequestTypes.ProactiveSubscriptionChanged,
    ];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public async Task A_forged_event_for_another_skill_is_rejected_and_changes_nothing(string type)
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        var before = Assert.Single(alerts.Links);

        var forged = SkillEvents.Event(type, new JsonObject { ["accessToken"] = SandboxSeed.BobToken, ["subscriptions"] = new JsonArray() }, skillId: "amzn1.ask.skill.someone-else");
        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => Handle(forged));

        Assert.Equal(before, Assert.Single(alerts.Links));
        Assert.Empty(personalData.Forgotten);
    }

    public static TheoryData<string, string?> BrokenBodies()
    {
        var data = new TheoryData<string, string?>();
        foreach (var type in EventTypes)
        {
            foreach (var body in new[] { null, "null", "42", "\"x\"", "[]", "{}", """{"accessToken":7,"subscriptions":{"eventName":1},"acceptedPermissions":[null,3,{"scope":{}}],"userInformationPersistenceStatus":[]}""" })
            {
                data.Add(type, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_body_is_answered_without_an_error_or_speech(string type, string? body)
    {
        var request = SkillEvents.Event(type, body is null ? null : JsonNode.Parse(body), rawNullBody: body == "null");

        AssertEmpty(await Handle(request));

        Assert.DoesNotContain(harness.Logs.Lines, l => l.Contains("Handler failed", StringComparison.Ordinal));
        Assert.DoesNotContain(alerts.Links, l => l.CustomerId is not null || l.Subscribed);
    }

    private Task<SkillResponse> Handle(SkillRequest request) => harness.Pipeline.HandleAsync(request, CancellationToken.None);

    // Alexa expects nothing spoken in answer to an event.
    private static void AssertEmpty(SkillResponse response)
    {
        Assert.Null(response.Response.OutputSpeech);
        Assert.Null(response.Response.Reprompt);
        Assert.Null(response.Response.Card);
    }
}
