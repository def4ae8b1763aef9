using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoicePay.Composition;
using VoicePay.Skill.Alerts;
using VoicePay.Testing.Amazon;

namespace VoicePay.Skill.Tests.Alerts;

/// <summary><c>AddVoicePayAlertJob(configuration)</c>: the skill's <see cref="IAlertNotifier"/> port, wired from <c>VoicePay:Alerts:*</c>, against the loopback fakes.</summary>
public sealed class AlexaNotificationsRegistrationTests : IAsyncLifetime
{
    private FakeAmazonApis amazon = null!;

    public async Task InitializeAsync() => amazon = await FakeAmazonApis.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(amazon.Violations);
        await amazon.DisposeAsync();
    }

    [Fact]
    public async Task The_notifier_from_configuration_sends_through_the_configured_endpoint_with_one_token()
    {
        await using var services = Build(new()
        {
            ["VoicePay:Alerts:ClientId"] = FakeAmazonApis.TestClientId,
            ["VoicePay:Alerts:ClientSecret"] = FakeAmazonApis.TestClientSecret,
            ["VoicePay:Alerts:Endpoint"] = amazon.BaseAddress.AbsoluteUri,
            ["VoicePay:Alerts:TokenEndpoint"] = amazon.TokenEndpoint.AbsoluteUri,
            ["VoicePay:Alerts:Stage"] = "live",
            ["VoicePay:Alerts:RetryBaseDelay"] = "00:00:00.05",
        });
        var notifier = services.GetRequiredService<IAlertNotifier>();
        amazon.Events.Enqueue(FakeFault.Answer(503));

        Assert.Equal(NotifyOutcome.Accepted, await notifier.NotifyAsync("amzn1.ask.account.ALICE", "evt-1", true, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal(NotifyOutcome.Accepted, await notifier.NotifyAsync("amzn1.ask.account.ALICE", "evt-2", false, DateTimeOffset.UtcNow, CancellationToken.None));
        amazon.Events.Enqueue(FakeFault.Answer(400));
        Assert.Equal(NotifyOutcome.Rejected, await notifier.NotifyAsync("amzn1.ask.account.ALICE", "evt-3", false, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal(1, amazon.Lwa.Count);
        Assert.All(amazon.Events.Requests, r => Assert.Equal(ProactiveEventsFake.LivePath, r.Path));
        Assert.Equal(2, amazon.Events.Accepted.Count);
    }

    [Fact]
    public async Task Missing_credentials_fail_validation_naming_the_keys()
    {
        await using var services = Build(new() { ["VoicePay:Alerts:Endpoint"] = amazon.BaseAddress.AbsoluteUri });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<Alexa.Apis.ProactiveEvents.ProactiveEventsOptions>>().Value);
        Assert.Contains("VoicePay:Alerts:ClientId", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddVoicePayAlertJob(new ConfigurationBuilder().AddInMemoryCollection(settings.Append(new("VoicePay:BankEvents:ServiceKey", "test-service-key")).Append(new("VoicePay:BankEvents:BaseUrl", "http://127.0.0.1:1/"))).Build())
            .BuildServiceProvider();
}
