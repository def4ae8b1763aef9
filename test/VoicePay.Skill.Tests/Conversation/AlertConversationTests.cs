using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>Bank alerts heard inside the skill: a count before the PIN, the details only after it, then marked heard.</summary>
public sealed class AlertConversationTests : IAsyncLifetime
{
    private SkillHarness harness = null!;

    private IAlertStore Alerts => harness.Services.GetRequiredService<IAlertStore>();

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task The_welcome_counts_the_alerts_and_the_details_wait_for_the_pin()
    {
        await AddAsync("evt-fraud-1", BankEventKind.SuspectedFraud, 950.00m, "Example Store");
        var talk = harness.NewConversation();

        var welcome = Speech.Of(await talk.Launch());
        Assert.StartsWith("You have one new alert. To hear it, say, read my alerts.", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("950", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("Example Store", welcome, StringComparison.Ordinal);

        var askPin = Speech.Of(await talk.Intent(IntentNames.ReadAlerts));
        Assert.Equal("For your security, what's your four-digit voice PIN?", askPin);

        var heard = await talk.Pin(SkillHarness.DemoPin);
        Assert.Equal(
            "You have one alert: a card payment of $950.00 at Example Store was declined as suspected fraud. If it wasn't you, call your bank. Anything else?",
            Speech.Of(heard));
        Assert.False(heard.Response.ShouldEndSession);

        Assert.Empty(await Alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
        var again = harness.NewConversation();
        Assert.DoesNotContain("alert", Speech.Of(await again.Launch()), StringComparison.OrdinalIgnoreCase);
        await again.Intent(IntentNames.ReadAlerts);
        Assert.Equal("You have no new alerts. Anything else?", Speech.Of(await again.Pin(SkillHarness.DemoPin)));
    }

    [Fact]
    public async Task Alerts_need_the_pin_even_where_balances_do_not()
    {
        await using var open = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:RequiredForBalance"] = "false" });
        await open.Services.GetRequiredService<IAlertStore>().AddAsync(Alert("evt-1", BankEventKind.LargeDebit, 1200m, "Acme Motors"), CancellationToken.None);
        var talk = open.NewConversation();

        Assert.Contains("available", Speech.Of(await talk.Intent(IntentNames.CheckBalance)), StringComparison.Ordinal);
        var alerts = Speech.Of(await open.NewConversation().Intent(IntentNames.ReadAlerts));
        Assert.Equal("For your security, what's your four-digit voice PIN?", alerts);
    }

    [Fact]
    public async Task A_wrong_pin_hears_nothing_and_leaves_the_alert_unheard()
    {
        await AddAsync("evt-fraud-2", BankEventKind.SuspectedFraud, 950.00m, "Example Store");
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ReadAlerts);

        var wrong = Speech.Of(await talk.Pin("9999"));
        Assert.DoesNotContain("950", wrong, StringComparison.Ordinal);
        Assert.Single(await Alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task Several_alerts_are_read_three_at_a_time_with_more()
    {
        var kinds = new[] { BankEventKind.MoneyReceived, BankEventKind.PaymentSent, BankEventKind.LowBalance, BankEventKind.LargeDebit, BankEventKind.SuspectedFraud, BankEventKind.MoneyReceived, BankEventKind.PaymentSent };
        for (var i = 0; i < kinds.Length; i++)
        {
            await Alerts.AddAsync(Alert($"evt-{i}", kinds[i], 10m + i, i % 2 == 0 ? null : "Bob Jones", harness.Time.GetUtcNow().AddMinutes(i)), CancellationToken.None);
        }

        var talk = harness.NewConversation();
        Assert.StartsWith("You have 7 new alerts.", Speech.Of(await talk.Launch()), StringComparison.Ordinal);
        await talk.Intent(IntentNames.ReadAlerts);
        var heard = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        // Item 8: three at a time, the session open, "more?" instead of a relaunch and the PIN again.
        Assert.StartsWith("You have 7 alerts. First, $10.00 arrived in your account ending in 4821.", heard, StringComparison.Ordinal);
        Assert.Contains("Next, a payment of $11.00 to Bob Jones left your account ending in 4821.", heard, StringComparison.Ordinal);
        Assert.EndsWith("Next, your account ending in 4821 is running low, with $12.00 available. Want to hear more?", heard, StringComparison.Ordinal);
        Assert.Equal(["evt-3", "evt-4", "evt-5", "evt-6"], (await Alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None)).Select(a => a.EventId));

        var more = Speech.Of(await talk.Yes());
        Assert.StartsWith("Next, a large payment of $13.00 to Bob Jones", more, StringComparison.Ordinal);
        Assert.EndsWith("Want to hear more?", more, StringComparison.Ordinal);
        var last = Speech.Of(await talk.Yes());
        Assert.Equal("And last, a payment of $16.00 left your account ending in 4821. Anything else?", last);
        Assert.Empty(await Alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task Item8_identical_alerts_are_grouped()
    {
        for (var i = 0; i < 12; i++)
        {
            await Alerts.AddAsync(Alert($"same-{i}", BankEventKind.PaymentSent, 5m, "Coffee Corner", harness.Time.GetUtcNow().AddMinutes(i)), CancellationToken.None);
        }

        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ReadAlerts);
        var heard = Speech.Of(await talk.Pin(SkillHarness.DemoPin));

        Assert.Equal("You have 12 alerts. 12 times, a payment of $5.00 to Coffee Corner left your account ending in 4821. Anything else?", heard);
        Assert.Empty(await Alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task An_alert_never_speaks_a_full_account_number()
    {
        await Alerts.AddAsync(Alert("evt-x", BankEventKind.LowBalance, 12.5m, null) with { AccountLastFour = "000123454821" }, CancellationToken.None);
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ReadAlerts);
        var heard = await talk.Pin(SkillHarness.DemoPin);

        Assert.Equal("You have one alert: your account is running low, with $12.50 available. Anything else?", Speech.Of(heard));
        Assert.DoesNotContain("000123454821", heard.Response.Card is Alexa.Responses.SimpleCard card ? card.Content : string.Empty, StringComparison.Ordinal);
    }

    private Task<bool> AddAsync(string id, BankEventKind kind, decimal amount, string? counterparty) =>
        Alerts.AddAsync(Alert(id, kind, amount, counterparty), CancellationToken.None);

    private UserAlert Alert(string id, BankEventKind kind, decimal amount, string? counterparty, DateTimeOffset? at = null) =>
        new(Envelopes.UserId, id, kind, new Money(amount, "USD"), counterparty, kind == BankEventKind.SuspectedFraud ? null : "4821", at ?? harness.Time.GetUtcNow());
}

/// <summary>"Forget me": a read-back, the voice PIN, then what SkillDisabled deletes is gone.</summary>
public sealed class ForgetMeConversationTests : IAsyncLifetime
{
    private const string ReadBack = "This deletes your voice PIN and your alerts from Voice Pay. Your bank account is not affected. Shall I go ahead?";
    private SkillHarness harness = null!;

    public async Task InitializeAsync() => harness = await SkillHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Yes_and_the_pin_delete_the_pin_and_the_alerts_and_say_so()
    {
        await SeedAsync();
        var talk = harness.NewConversation();

        Assert.Equal(ReadBack, Speech.Of(await talk.Intent(IntentNames.ForgetMe)));
        Assert.Equal("For your security, what's your four-digit voice PIN?", Speech.Of(await talk.Yes()));
        Assert.True(await IsEnrolledAsync());

        var done = await talk.Pin(SkillHarness.DemoPin);
        Assert.StartsWith("Done. I've deleted your voice PIN and your alerts from Voice Pay. Your bank account is not affected.", Speech.Of(done), StringComparison.Ordinal);
        Assert.True(done.Response.ShouldEndSession);

        Assert.False(await IsEnrolledAsync());
        var alerts = harness.Services.GetRequiredService<IAlertStore>();
        Assert.Empty(await alerts.UnheardAsync(Envelopes.UserId, CancellationToken.None));
        Assert.Null(await alerts.GetLinkAsync(Envelopes.UserId, CancellationToken.None));
        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetConversationAsync(Envelopes.UserId, talk.SessionId, CancellationToken.None));
    }

    [Fact]
    public async Task No_deletes_nothing_and_says_so()
    {
        await SeedAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ForgetMe);

        Assert.StartsWith("Okay, I haven't deleted anything.", Speech.Of(await talk.No()), StringComparison.Ordinal);
        Assert.True(await IsEnrolledAsync());
        Assert.Single(await harness.Services.GetRequiredService<IAlertStore>().UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task A_pin_said_at_the_read_back_is_not_a_yes()
    {
        await SeedAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ForgetMe);

        var again = Speech.Of(await talk.Pin(SkillHarness.DemoPin));
        Assert.Contains("Shall I go ahead?", again, StringComparison.Ordinal);
        Assert.True(await IsEnrolledAsync());
    }

    [Fact]
    public async Task A_wrong_pin_deletes_nothing()
    {
        await SeedAsync();
        var talk = harness.NewConversation();
        await talk.Intent(IntentNames.ForgetMe);
        await talk.Yes();

        Assert.StartsWith("That PIN didn't match.", Speech.Of(await talk.Pin("9999")), StringComparison.Ordinal);
        Assert.True(await IsEnrolledAsync());
        Assert.Single(await harness.Services.GetRequiredService<IAlertStore>().UnheardAsync(Envelopes.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task Forget_me_while_a_payment_waits_cancels_it_first()
    {
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");

        var said = Speech.Of(await talk.Intent(IntentNames.ForgetMe));
        Assert.Equal("Okay, I've cancelled the payment to Alice Smith. Nothing was sent. " + ReadBack, said);
        Assert.Equal(0, harness.TransferCount());
    }

    private async Task SeedAsync()
    {
        var alerts = harness.Services.GetRequiredService<IAlertStore>();
        await alerts.LinkAsync(Envelopes.UserId, SkillHarness.AliceCustomer, harness.Time.GetUtcNow(), CancellationToken.None);
        await alerts.SetSubscribedAsync(Envelopes.UserId, true, harness.Time.GetUtcNow(), CancellationToken.None);
        await alerts.AddAsync(new UserAlert(Envelopes.UserId, "evt-forget", BankEventKind.MoneyReceived, new Money(5m, "USD"), null, "4821", harness.Time.GetUtcNow()), CancellationToken.None);
    }

    private Task<bool> IsEnrolledAsync() =>
        harness.Services.GetRequiredService<VoicePinVerifier>().IsEnrolledAsync(PinHolder.Account(Envelopes.UserId), CancellationToken.None);
}
