using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;
using VoicePay.Skill.Tests.Conversation;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// The skill's lifecycle events through the real composition root, against the sandbox bank over loopback
/// and the SQLite user-state store the composition registers. Link reads are counted by a pass-through
/// decorator over that store (<see cref="CountingAlertStore"/>).
/// </summary>
public sealed class SkillEventTests : IAsyncLifetime
{
    private const string Other = "amzn1.ask.account.SOMEONE-ELSE";
    private SkillHarness harness = null!;
    private CountingAlertStore alerts = null!;

    private IUserStateStore State => harness.Services.GetRequiredService<IUserStateStore>();

    public async Task InitializeAsync()
    {
        harness = await SkillHarness.StartAsync(configure: services => CountingAlertStore.Decorate(services, created => alerts = created));
        _ = harness.Services.GetRequiredService<IAlertStore>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Account_linked_asks_the_bank_whose_token_it_is_and_links_that_customer()
    {
        AssertEmpty(await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken)));

        var link = Assert.IsType<AlertLink>(await LinkAsync());
        Assert.Equal(Envelopes.UserId, link.UserId);
        Assert.Equal(SkillHarness.AliceCustomer, link.CustomerId);
        Assert.False(link.Subscribed);
    }

    [Fact]
    public async Task Account_linked_with_a_token_the_bank_does_not_know_links_nobody_and_still_answers()
    {
        AssertEmpty(await Handle(SkillEvents.AccountLinked("not-a-token-the-bank-issued")));

        Assert.Null(await LinkAsync());
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
        Assert.Equal(SkillHarness.AliceCustomer, (await LinkAsync())?.CustomerId);

        var readsBefore = alerts.LinkReads;
        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        Assert.Equal(readsBefore + 1, alerts.LinkReads);
    }

    [Fact]
    public async Task An_intent_with_a_token_from_an_unlinked_person_neither_links_nor_reads_the_store()
    {
        await harness.NewConversation().Intent(IntentNames.Help);

        Assert.Equal(0, alerts.LinkReads);
        Assert.Null(await LinkAsync());
    }

    [Fact]
    public async Task A_request_without_a_token_from_a_linked_person_unlinks_them()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));

        var unlinked = harness.NewConversation(accessToken: null);
        await unlinked.Intent(IntentNames.Help);

        // The real store keeps the subscription flag (an Alexa setting, not a link) with no customer.
        Assert.Null((await LinkAsync())?.CustomerId);
        Assert.Empty(await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_without_a_token_keeps_a_subscription_that_was_never_linked()
    {
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));

        await harness.NewConversation(accessToken: null).Launch();

        Assert.True((await LinkAsync())?.Subscribed);
    }

    [Fact]
    public async Task A_tokenless_request_sent_before_the_person_linked_again_does_not_unlink_them()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        var launch = Envelopes.Launch(accessToken: null);
        launch.Request.Timestamp = harness.Time.GetUtcNow();
        await Handle(launch);
        Assert.Null((await LinkAsync())?.CustomerId);

        // They link again; the same signed launch comes back within the replay window (a tokenless launch is not claimed).
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        var replayed = await Handle(launch);

        Assert.Equal(SkillHarness.AliceCustomer, (await LinkAsync())?.CustomerId);
        Assert.Contains("Voice Pay", Speech.Of(replayed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tokenless_request_unlinks_only_after_its_answer_when_the_entry_point_runs_the_after_work()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        var readsBefore = alerts.LinkReads;
        var after = new AfterResponse();

        var answer = AlexaJson.ParseResponse(await harness.Pipeline.RespondAsync(Envelopes.Launch(accessToken: null), after, CancellationToken.None));

        // The answer is out and nothing of the store was touched for it; then the after-work unlinks.
        Assert.Contains("Welcome to Voice Pay", Speech.Of(answer), StringComparison.Ordinal);
        Assert.Equal(readsBefore, alerts.LinkReads);
        Assert.Equal(SkillHarness.AliceCustomer, (await LinkAsync())?.CustomerId);
        await after.RunAsync();
        Assert.Null((await LinkAsync())?.CustomerId);
    }

    [Fact]
    public async Task Only_a_launch_without_a_token_is_answered_without_a_replay_claim()
    {
        var handled = harness.Services.GetRequiredService<IHandledRequests>();
        var tokenless = Envelopes.Launch(accessToken: null);
        var launch = Envelopes.Launch();
        var intent = Envelopes.Intent(IntentNames.Help, accessToken: null);
        foreach (var request in new[] { tokenless, launch, intent })
        {
            await Handle(request);
        }

        async Task<bool> Claimed(SkillRequest request) =>
            await handled.FindRequestAsync(Envelopes.UserId, request.Request.RequestId!, harness.Time.GetUtcNow(), CancellationToken.None) is not null;
        Assert.False(await Claimed(tokenless));
        Assert.True(await Claimed(launch));
        Assert.True(await Claimed(intent));
    }

    [Fact]
    public async Task Events_without_a_token_never_unlink()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));

        await Handle(SkillEvents.Enabled());
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        await Handle(SkillEvents.PermissionChanged(PermissionScopes.NotificationsWrite));

        Assert.Equal(SkillHarness.AliceCustomer, (await LinkAsync())?.CustomerId);
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

        Assert.False((await LinkAsync())?.Subscribed);
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
        Assert.True((await LinkAsync())?.Subscribed);

        var revoked = type == RequestTypes.SkillPermissionChanged
            ? SkillEvents.PermissionChanged("alexa::profile:email:read")
            : SkillEvents.PermissionAccepted("alexa::profile:email:read");
        AssertEmpty(await Handle(revoked));
        Assert.False((await LinkAsync())?.Subscribed);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("Permissions accepted now", StringComparison.Ordinal) && l.Contains("alexa::profile:email:read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabling_the_skill_deletes_the_pin_link_alerts_and_conversation_and_nobody_elses()
    {
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        await alerts.AddAsync(Alert(Envelopes.UserId, "evt-disabled"), CancellationToken.None);
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        Assert.NotNull(await State.GetConversationAsync(Envelopes.UserId, talk.SessionId, CancellationToken.None));
        await GiveEverythingAsync(Other, "session-other");

        AssertEmpty(await Handle(SkillEvents.Disabled()));

        Assert.Null(await State.GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
        Assert.Null(await LinkAsync());
        Assert.Empty(await alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
        Assert.DoesNotContain(Envelopes.UserId, await alerts.SubscribersAsync(SkillHarness.AliceCustomer, CancellationToken.None));
        Assert.Null(await State.GetConversationAsync(Envelopes.UserId, talk.SessionId, CancellationToken.None));

        Assert.NotNull(await State.GetPinAsync(PinHolder.Account(Other), CancellationToken.None));
        var otherLink = await LinkAsync(Other);
        Assert.Equal(SkillHarness.AliceCustomer, otherLink?.CustomerId);
        Assert.True(otherLink?.Subscribed);
        Assert.Single(await alerts.UnheardAsync(Other, CancellationToken.None));
        Assert.Equal("{}", await State.GetConversationAsync(Other, "session-other", CancellationToken.None));
    }

    [Fact]
    public async Task After_disabling_through_the_pipeline_no_table_of_the_user_state_file_holds_the_user_id()
    {
        // Everything a person leaves behind in normal use: a link, a subscription, an alert (heard and unheard),
        // a settled payment, a wrong PIN's attempt count, and a conversation left mid-way.
        await Handle(SkillEvents.AccountLinked(SandboxSeed.AliceToken));
        await Handle(SkillEvents.SubscriptionChanged(ProactiveEventNames.MessageAlertActivated));
        await alerts.AddAsync(Alert(Envelopes.UserId, "evt-heard"), CancellationToken.None);
        var reading = harness.NewConversation();
        await reading.Intent(IntentNames.ReadAlerts);
        Assert.Contains("$42.17", Speech.Of(await reading.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        await alerts.AddAsync(Alert(Envelopes.UserId, "evt-unheard"), CancellationToken.None);
        var paying = harness.NewConversation();
        await paying.SendMoney("5", "alice smith");
        await paying.Confirm();
        Assert.Contains("sent", Speech.Of(await paying.Pin(SkillHarness.DemoPin)), StringComparison.OrdinalIgnoreCase);
        var wrong = harness.NewConversation();
        await wrong.SendMoney("5", "alice smith");
        await wrong.Confirm();
        await wrong.Pin("9999");
        await GiveEverythingAsync(Other, "session-other");
        var before = await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId);
        Assert.True(before.Select(r => r.Table).Distinct().Count() >= 3, string.Join(", ", before.Select(r => r.Table)));
        var othersBefore = await SqliteScan.FindAsync(harness.DatabasePath, Other);

        var disabled = SkillEvents.Disabled();
        AssertEmpty(await Handle(disabled));

        // Only the disabling request's own answer stays, for the replay window, so that its replay does nothing
        // (issue 17, item 2): the user id, its request id and an empty answer (docs/privacy.md).
        var left = await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId);
        var kept = Assert.Single(left);
        Assert.Equal("handled_requests", kept.Table);
        Assert.Contains(disabled.Request.RequestId!, kept.Content, StringComparison.Ordinal);
        Assert.Contains("""{"version":"1.0","response":{}}""", kept.Content, StringComparison.Ordinal);
        Assert.Equal(othersBefore.Order(), (await SqliteScan.FindAsync(harness.DatabasePath, Other)).Order());

        await harness.Services.GetRequiredService<IPersonalData>().SweepAsync(harness.Time.GetUtcNow().AddSeconds(151), CancellationToken.None);
        left = await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId);
        Assert.True(left.Count == 0, "Left behind: " + string.Join(", ", left.Select(r => r.Table)));
    }

    [Fact]
    public async Task Enabling_the_skill_stores_nothing_but_its_answer_for_the_replay_window()
    {
        var before = await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId);

        AssertEmpty(await Handle(SkillEvents.Enabled()));

        Assert.Null(await LinkAsync());
        var after = await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId);
        Assert.Equal(before.Order(), after.Where(r => r.Table != "handled_requests").Order());
        Assert.Single(after, r => r.Table == "handled_requests");
        await harness.Services.GetRequiredService<IPersonalData>().SweepAsync(harness.Time.GetUtcNow().AddSeconds(151), CancellationToken.None);
        Assert.Equal(before.Order(), (await SqliteScan.FindAsync(harness.DatabasePath, Envelopes.UserId)).Order());
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
        var before = await LinkAsync();
        Assert.NotNull(before);

        var forged = SkillEvents.Event(type, new JsonObject { ["accessToken"] = SandboxSeed.BobToken, ["subscriptions"] = new JsonArray() }, skillId: "amzn1.ask.skill.someone-else");
        await Assert.ThrowsAsync<SkillRequestRejectedException>(() => Handle(forged));

        Assert.Equal(before, await LinkAsync());
        Assert.NotNull(await State.GetPinAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None));
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
        Assert.True(await LinkAsync() is null or { CustomerId: null, Subscribed: false });
    }

    private async Task GiveEverythingAsync(string userId, string sessionId)
    {
        var now = harness.Time.GetUtcNow();
        Assert.True(VoicePin.TryParse("8642", out var pin));
        await harness.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(userId), pin, CancellationToken.None);
        await alerts.LinkAsync(userId, SkillHarness.AliceCustomer, now, CancellationToken.None);
        await alerts.SetSubscribedAsync(userId, true, now, CancellationToken.None);
        await alerts.AddAsync(Alert(userId, "evt-other"), CancellationToken.None);
        await State.SaveConversationAsync(userId, sessionId, "{}", now.AddHours(1), CancellationToken.None);
    }

    private UserAlert Alert(string userId, string eventId) =>
        new(userId, eventId, BankEventKind.LargeDebit, new Money(42.17m, "USD"), "Acme Motors", "4821", harness.Time.GetUtcNow());

    private Task<AlertLink?> LinkAsync(string userId = Envelopes.UserId) => alerts.GetLinkAsync(userId, CancellationToken.None);

    private Task<SkillResponse> Handle(SkillRequest request) => harness.Pipeline.HandleAsync(request, CancellationToken.None);

    // Alexa expects nothing spoken in answer to an event.
    private static void AssertEmpty(SkillResponse response)
    {
        Assert.Null(response.Response.OutputSpeech);
        Assert.Null(response.Response.Reprompt);
        Assert.Null(response.Response.Card);
    }
}
