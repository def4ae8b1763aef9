using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every <see cref="IAlertStore"/> must do. Each adapter's test class derives from this one and opens a store
/// on a database of its own for each test, because due alerts, counts and subscribers are read across people.
/// </summary>
public abstract class AlertStoreContract : StoreContract<IAlertStore>
{
    private readonly string _user = NewId("amzn1.ask.account.");
    private readonly string _customer = NewId("cust-");
    private IAlertStore? _store;

    private IAlertStore Store => _store ??= NewStore();

    // Links and subscriptions

    [Fact]
    public async Task A_person_never_linked_has_no_link()
    {
        Assert.Null(await Store.GetLinkAsync(_user, Ct));
    }

    [Fact]
    public async Task A_link_keeps_the_subscription_and_a_new_link_replaces_the_customer()
    {
        await Store.SetSubscribedAsync(_user, true, Now, Ct);
        Assert.Equal(new AlertLink(_user, null, true, Now), await Store.GetLinkAsync(_user, Ct));

        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.LinkAsync(_user, _customer, Now, Ct);
        Assert.Equal(new AlertLink(_user, _customer, true, Now), await NewStore().GetLinkAsync(_user, Ct));

        var other = NewId("cust-");
        await Store.LinkAsync(_user, other, Now, Ct);
        Assert.Equal(other, (await Store.GetLinkAsync(_user, Ct))!.CustomerId);
        Assert.Empty(await Store.SubscribersAsync(_customer, Ct));
        Assert.Equal([_user], await Store.SubscribersAsync(other, Ct));
    }

    [Fact]
    public async Task A_new_link_is_not_subscribed_until_the_person_allows_notifications()
    {
        await Store.LinkAsync(_user, _customer, Now, Ct);

        Assert.False((await Store.GetLinkAsync(_user, Ct))!.Subscribed);
        Assert.Empty(await Store.SubscribersAsync(_customer, Ct));
    }

    [Fact]
    public async Task Subscribers_are_only_the_linked_people_who_subscribed()
    {
        var (linkedSubscribed, linkedOnly, subscribedOnly, otherCustomer, unsubscribed, unlinked, second) =
            (NewUser(), NewUser(), NewUser(), NewUser(), NewUser(), NewUser(), NewUser());
        await LinkAndSubscribeAsync(linkedSubscribed, _customer);
        await LinkAndSubscribeAsync(second, _customer);
        await Store.LinkAsync(linkedOnly, _customer, Now, Ct);
        await Store.SetSubscribedAsync(subscribedOnly, true, Now, Ct);
        await LinkAndSubscribeAsync(otherCustomer, NewId("cust-"));
        await LinkAndSubscribeAsync(unsubscribed, _customer);
        await Store.SetSubscribedAsync(unsubscribed, false, Now, Ct);
        await LinkAndSubscribeAsync(unlinked, _customer);
        await Store.UnlinkAsync(unlinked, Now, Ct);

        var subscribers = await NewStore().SubscribersAsync(_customer, Ct);

        Assert.Equal(new[] { linkedSubscribed, second }.Order(StringComparer.Ordinal), subscribers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unlinking_removes_the_customer_and_the_alerts_and_keeps_only_the_subscription()
    {
        await LinkAndSubscribeAsync(_user, _customer);
        await Store.AddAsync(Alert("e1"), Ct);
        var other = NewUser();
        await LinkAndSubscribeAsync(other, _customer);
        await Store.AddAsync(Alert("e1", other), Ct);

        Assert.True(await Store.UnlinkAsync(_user, Now, Ct));

        var link = await Store.GetLinkAsync(_user, Ct);
        Assert.Null(link!.CustomerId);
        Assert.True(link.Subscribed);
        Assert.Empty(await Store.UnheardAsync(_user, Ct));
        Assert.Single(await Store.UnheardAsync(other, Ct));
        Assert.Equal([other], await Store.SubscribersAsync(_customer, Ct));
    }

    [Fact]
    public async Task Unlinking_someone_not_subscribed_leaves_no_link()
    {
        await Store.LinkAsync(_user, _customer, Now, Ct);

        await Store.UnlinkAsync(_user, Now, Ct);

        Assert.Null(await Store.GetLinkAsync(_user, Ct));
    }

    [Fact]
    public async Task A_link_made_after_the_unlinking_request_stays_with_its_alerts()
    {
        // The tokenless request was sent before the person linked again (a replay within the window): it undoes nothing.
        var requestSent = Now;
        Time.Advance(TimeSpan.FromSeconds(5));
        await LinkAndSubscribeAsync(_user, _customer);
        await Store.AddAsync(Alert("e1"), Ct);

        Assert.False(await Store.UnlinkAsync(_user, requestSent, Ct));

        Assert.Equal(_customer, (await NewStore().GetLinkAsync(_user, Ct))!.CustomerId);
        Assert.Single(await Store.UnheardAsync(_user, Ct));
        Assert.Equal([_user], await Store.SubscribersAsync(_customer, Ct));
    }

    [Fact]
    public async Task Unlinking_a_subscription_without_a_link_leaves_it_untouched()
    {
        // The tokenless turn's unlink runs after every such answer: with nothing linked it must not write.
        await Store.SetSubscribedAsync(_user, true, Now, Ct);
        var before = await Store.GetLinkAsync(_user, Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await Store.UnlinkAsync(_user, Now, Ct));

        Assert.Equal(before, await NewStore().GetLinkAsync(_user, Ct));
    }

    [Fact]
    public async Task Unlinking_says_whether_a_link_to_a_customer_went()
    {
        Assert.False(await Store.UnlinkAsync(_user, Now, Ct));
        await Store.SetSubscribedAsync(_user, true, Now, Ct);
        Assert.False(await Store.UnlinkAsync(_user, Now, Ct));
        await Store.LinkAsync(_user, _customer, Now, Ct);
        Assert.True(await Store.UnlinkAsync(_user, Now, Ct));
    }

    [Fact]
    public async Task Unsubscribing_while_not_linked_leaves_no_link()
    {
        await Store.SetSubscribedAsync(_user, true, Now, Ct);

        await Store.SetSubscribedAsync(_user, false, Now, Ct);

        Assert.Null(await Store.GetLinkAsync(_user, Ct));
    }

    // Alerts

    [Fact]
    public async Task An_alert_is_stored_whole_and_adding_it_again_keeps_the_first()
    {
        var alert = Alert("e1") with { Amount = Money.Of(950.00m, "USD"), Counterparty = "Tom & Jerry's \"Café\"", AccountLastFour = "4321" };

        Assert.True(await Store.AddAsync(alert, Ct));
        Assert.False(await NewStore().AddAsync(alert with { Amount = Money.Of(1m, "USD"), Counterparty = "someone else" }, Ct));

        Assert.Equal(alert, Assert.Single(await Store.UnheardAsync(_user, Ct)));
        Assert.Equal(alert, Assert.Single(await Store.DueAsync(Now, 10, Ct)));
    }

    [Fact]
    public async Task Parallel_adds_of_one_event_keep_exactly_one()
    {
        IAlertStore[] stores = [Store, NewStore()];

        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => stores[i % 2].AddAsync(Alert("e1"), Ct))));

        Assert.Equal(1, added.Count(a => a));
        Assert.Single(await Store.UnheardAsync(_user, Ct));
    }

    [Fact]
    public async Task The_same_event_for_two_people_is_two_alerts()
    {
        var other = NewUser();

        Assert.True(await Store.AddAsync(Alert("e1"), Ct));
        Assert.True(await Store.AddAsync(Alert("e1", other), Ct));

        Assert.Equal(2, (await Store.DueAsync(Now, 10, Ct)).Count);
    }

    [Fact]
    public async Task Optional_details_may_be_missing()
    {
        var alert = Alert("e1") with { Kind = BankEventKind.LowBalance, Counterparty = null, AccountLastFour = null };
        await Store.AddAsync(alert, Ct);

        Assert.Equal(alert, Assert.Single(await Store.UnheardAsync(_user, Ct)));
    }

    [Fact]
    public async Task Due_alerts_are_the_pending_ones_whose_time_has_come_oldest_first_up_to_the_limit()
    {
        var other = NewUser();
        await Store.AddAsync(Alert("newest", at: Now.AddMinutes(-1)), Ct);
        await Store.AddAsync(Alert("oldest", other, at: Now.AddMinutes(-30)), Ct);
        await Store.AddAsync(Alert("retry-passed", at: Now.AddMinutes(-20)) with { Attempts = 1, NextAttemptAt = Now.AddSeconds(-1) }, Ct);
        await Store.AddAsync(Alert("retry-now", at: Now.AddMinutes(-10)) with { Attempts = 1, NextAttemptAt = Now }, Ct);
        await Store.AddAsync(Alert("retry-later", at: Now.AddMinutes(-40)) with { Attempts = 1, NextAttemptAt = Now.AddMinutes(1) }, Ct);
        await Store.AddAsync(Alert("delivered", at: Now.AddMinutes(-50)) with { Delivery = DeliveryState.Delivered }, Ct);
        await Store.AddAsync(Alert("failed", at: Now.AddMinutes(-50)) with { Delivery = DeliveryState.Failed }, Ct);
        await Store.AddAsync(Alert("future", at: Now.AddMinutes(5)) with { NextAttemptAt = Now.AddMinutes(5) }, Ct);

        var due = await NewStore().DueAsync(Now, 10, Ct);

        Assert.Equal(["oldest", "retry-passed", "retry-now", "newest"], due.Select(a => a.EventId));
        Assert.Equal(["oldest", "retry-passed"], (await Store.DueAsync(Now, 2, Ct)).Select(a => a.EventId));
        Assert.Equal(
            ["retry-later", "oldest", "retry-passed", "retry-now", "newest"],
            (await Store.DueAsync(Now.AddMinutes(1), 10, Ct)).Select(a => a.EventId));
    }

    [Fact]
    public async Task A_claim_holds_the_alert_until_its_lease_ends_and_counts_the_attempt()
    {
        await Store.AddAsync(Alert("e1"), Ct);
        var lease = Now.AddMinutes(2);

        Assert.True(await Store.TryClaimAsync(_user, "e1", Now, lease, Ct));
        Assert.False(await NewStore().TryClaimAsync(_user, "e1", Now.AddMinutes(1), Now.AddMinutes(3), Ct));
        Assert.Empty(await Store.DueAsync(Now.AddMinutes(1), 10, Ct));

        // The lease ran out (the sender died): the alert is due again and can be claimed again.
        var again = Assert.Single(await Store.DueAsync(lease, 10, Ct));
        Assert.Equal(1, again.Attempts);
        Assert.Equal(lease, again.NextAttemptAt);
        Assert.True(await Store.TryClaimAsync(_user, "e1", lease, lease.AddMinutes(2), Ct));
        Assert.Equal(2, Assert.Single(await Store.DueAsync(lease.AddMinutes(2), 10, Ct)).Attempts);
    }

    [Fact]
    public async Task Of_parallel_claims_from_two_stores_exactly_one_wins()
    {
        await Store.AddAsync(Alert("e1"), Ct);
        IAlertStore[] stores = [Store, NewStore()];

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => stores[i % 2].TryClaimAsync(_user, "e1", Now, Now.AddMinutes(1), Ct))));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Equal(1, Assert.Single(await Store.DueAsync(Now.AddMinutes(1), 10, Ct)).Attempts);
    }

    [Fact]
    public async Task Nothing_can_be_claimed_that_is_missing_delivered_failed_or_not_yet_due()
    {
        await Store.AddAsync(Alert("delivered") with { Delivery = DeliveryState.Delivered }, Ct);
        await Store.AddAsync(Alert("failed") with { Delivery = DeliveryState.Failed }, Ct);
        await Store.AddAsync(Alert("later") with { NextAttemptAt = Now.AddMinutes(1) }, Ct);

        Assert.False(await Store.TryClaimAsync(_user, "missing", Now, Now.AddMinutes(1), Ct));
        Assert.False(await Store.TryClaimAsync(_user, "delivered", Now, Now.AddMinutes(1), Ct));
        Assert.False(await Store.TryClaimAsync(_user, "failed", Now, Now.AddMinutes(1), Ct));
        Assert.False(await Store.TryClaimAsync(_user, "later", Now, Now.AddMinutes(1), Ct));
        Assert.Empty(await Store.UnheardAsync(NewUser(), Ct));
    }

    [Fact]
    public async Task A_delivery_outcome_moves_the_alert_between_the_counts()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            await Store.AddAsync(Alert(id), Ct);
        }

        await Store.TryClaimAsync(_user, "a", Now, Now.AddMinutes(1), Ct);
        await Store.RecordDeliveryAsync(_user, "a", DeliveryState.Delivered, null, Ct);
        await Store.TryClaimAsync(_user, "b", Now, Now.AddMinutes(1), Ct);
        await Store.RecordDeliveryAsync(_user, "b", DeliveryState.Failed, null, Ct);
        await Store.TryClaimAsync(_user, "c", Now, Now.AddMinutes(1), Ct);
        await Store.RecordDeliveryAsync(_user, "c", DeliveryState.Pending, Now.AddMinutes(10), Ct);

        var store = NewStore();
        Assert.Equal(1, await store.CountAsync(DeliveryState.Delivered, Ct));
        Assert.Equal(1, await store.CountAsync(DeliveryState.Failed, Ct));
        Assert.Equal(1, await store.CountAsync(DeliveryState.Pending, Ct));
        Assert.Empty(await store.DueAsync(Now.AddMinutes(9), 10, Ct));
        var retry = Assert.Single(await store.DueAsync(Now.AddMinutes(10), 10, Ct));
        Assert.Equal(("c", Now.AddMinutes(10), 1), (retry.EventId, retry.NextAttemptAt, retry.Attempts));
        Assert.False(await store.TryClaimAsync(_user, "a", Now.AddMinutes(20), Now.AddMinutes(21), Ct));

        // Delivered or failed alerts are still to be heard inside the skill.
        Assert.Equal(["a", "b", "c"], (await store.UnheardAsync(_user, Ct)).Select(a => a.EventId).Order());
    }

    [Fact]
    public async Task Recording_for_an_alert_that_is_gone_creates_nothing()
    {
        await Store.RecordDeliveryAsync(_user, "gone", DeliveryState.Delivered, null, Ct);

        Assert.Empty(await Store.UnheardAsync(_user, Ct));
        Assert.Equal(0, await Store.CountAsync(DeliveryState.Delivered, Ct));
    }

    [Fact]
    public async Task Heard_alerts_are_no_longer_unheard_and_hearing_again_keeps_the_first_time()
    {
        await Store.AddAsync(Alert("old", at: Now.AddMinutes(-5)), Ct);
        await Store.AddAsync(Alert("new", at: Now.AddMinutes(-1)), Ct);
        await Store.AddAsync(Alert("other"), Ct);
        Assert.Equal(["old", "new", "other"], (await Store.UnheardAsync(_user, Ct)).Select(a => a.EventId));

        await Store.MarkHeardAsync(_user, ["old", "new", "missing"], Now, Ct);
        await Store.MarkHeardAsync(_user, ["old"], Now.AddMinutes(1), Ct);

        Assert.Equal(["other"], (await NewStore().UnheardAsync(_user, Ct)).Select(a => a.EventId));
        var heard = (await Store.DueAsync(Now, 10, Ct)).Single(a => a.EventId == "old");
        Assert.Equal(Now, heard.HeardAt);
    }

    [Fact]
    public async Task Alerts_past_their_retention_are_not_read_before_they_are_deleted()
    {
        await Store.AddAsync(Alert("stale", at: Now.AddDays(-30)), Ct);
        await Store.AddAsync(Alert("fresh", at: Now.AddDays(-30).AddMinutes(1)), Ct);

        Assert.Equal(["fresh"], (await Store.UnheardAsync(_user, Ct)).Select(a => a.EventId));
        Assert.Equal(["fresh"], (await Store.DueAsync(Now, 10, Ct)).Select(a => a.EventId));
        Assert.Equal(1, await Store.CountAsync(DeliveryState.Pending, Ct));
        Assert.False(await Store.TryClaimAsync(_user, "stale", Now, Now.AddMinutes(1), Ct));
    }

    // The feed's cursor

    [Fact]
    public async Task The_cursor_is_null_until_saved_and_then_the_latest_saved()
    {
        Assert.Null(await Store.GetCursorAsync("bank", Ct));

        await Store.SaveCursorAsync("bank", "c-1", Ct);
        await Store.SaveCursorAsync("bank", "c-2", Ct);
        await Store.SaveCursorAsync("other", "x", Ct);

        Assert.Equal("c-2", await NewStore().GetCursorAsync("bank", Ct));
        Assert.Equal("x", await Store.GetCursorAsync("other", Ct));
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private static string NewUser() => NewId("amzn1.ask.account.");

    private UserAlert Alert(string eventId, string? user = null, DateTimeOffset? at = null) => new(
        UserId: user ?? _user,
        EventId: eventId,
        Kind: BankEventKind.SuspectedFraud,
        Amount: Money.Of(950m, "USD"),
        Counterparty: "Example Store",
        AccountLastFour: "1234",
        OccurredAt: at ?? Now);

    private async Task LinkAndSubscribeAsync(string user, string customer)
    {
        await Store.LinkAsync(user, customer, Now, Ct);
        await Store.SetSubscribedAsync(user, true, Now, Ct);
    }

}
