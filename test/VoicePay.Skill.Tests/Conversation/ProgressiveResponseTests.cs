using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Requests;
using VoicePay.Payments;
using VoicePay.Skill.Conversation;
using VoicePay.Testing.Amazon;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// "One moment while I check with your bank": the real skill, the sandbox bank over loopback made slow by a
/// delay beneath the payments client, and the loopback directive service that checks each directive's shape.
/// </summary>
public sealed class ProgressiveResponseTests : IAsyncLifetime
{
    private const string Balances =
        "Here are your balances. Everyday Checking ending in 4821: $4,209.27 available. College Fund ending in 3156: $8,000.00 available. Rainy Day Savings ending in 9034: $12,262.04 available. Vacation Savings ending in 7710: $3,400.00 available. Anything else?";

    private static readonly TimeSpan AlexaBudget = TimeSpan.FromSeconds(8);
    private readonly BankDelay bankDelay = new();
    private FakeAmazonApis amazon = null!;
    private SkillHarness harness = null!;

    public async Task InitializeAsync() => amazon = await FakeAmazonApis.StartAsync();

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        Assert.Empty(amazon.Violations);
        await amazon.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_bank_gets_exactly_one_progressive_response_and_the_turn_still_answers()
    {
        await Start(delay: "00:00:00.3");
        var talk = harness.NewConversation();
        await talk.Send(WithApi(Envelopes.Intent(IntentNames.CheckBalance)));

        bankDelay.Value = TimeSpan.FromSeconds(1.2);
        var pin = WithApi(Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin }));
        var watch = Stopwatch.StartNew();
        var answer = await talk.Send(pin);
        watch.Stop();

        Assert.Equal(Balances, Speech.Of(answer));
        Assert.True(watch.Elapsed < AlexaBudget, $"the turn took {watch.Elapsed}");
        Assert.True(await amazon.Directives.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        await Task.Delay(300);
        var (requestId, speech) = Assert.Single(amazon.Directives.Spoken);
        Assert.Equal(pin.Request.RequestId, requestId);
        Assert.Equal("<speak>One moment while I check with your bank.</speak>", speech);
    }

    [Fact]
    public async Task A_turn_with_several_slow_bank_calls_still_says_it_once()
    {
        await Start(delay: "00:00:00.2");
        bankDelay.Value = TimeSpan.FromSeconds(0.6);
        var talk = harness.NewConversation();
        var request = WithApi(Envelopes.Intent(
            IntentNames.SendMoney,
            new Dictionary<string, string?> { [SlotNames.Amount] = "20", [SlotNames.Payee] = "Alice" },
            dialogState: DialogStates.Started));

        var answer = await talk.Send(request);

        Assert.NotEmpty(Speech.Of(answer));
        Assert.True(await amazon.Directives.WaitForAsync(1, TimeSpan.FromSeconds(5)));
        await Task.Delay(300);
        Assert.Single(amazon.Directives.Spoken);
        Assert.True(bankDelay.Calls >= 2, $"the turn called the bank {bankDelay.Calls} time(s); this test needs several");
    }

    [Fact]
    public async Task A_fast_bank_gets_none()
    {
        await Start(delay: "00:00:03");
        var talk = harness.NewConversation();
        await talk.Send(WithApi(Envelopes.Intent(IntentNames.CheckBalance)));

        var answer = await talk.Send(WithApi(Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin })));

        Assert.Equal(Balances, Speech.Of(answer));
        await Task.Delay(500);
        Assert.Equal(0, amazon.Directives.Count);
    }

    [Theory]
    [InlineData("failing")]
    [InlineData("hanging")]
    public async Task A_failing_or_hanging_directive_service_changes_nothing_in_the_turn(string fault)
    {
        await Start(delay: "00:00:00.2", timeout: "00:00:00.5");
        amazon.Directives.Always(fault == "failing" ? FakeFault.Answer(500) : FakeFault.Slow(TimeSpan.FromSeconds(30)));
        var talk = harness.NewConversation();
        await talk.Send(WithApi(Envelopes.Intent(IntentNames.CheckBalance)));
        bankDelay.Value = TimeSpan.FromSeconds(1);

        var watch = Stopwatch.StartNew();
        var answer = await talk.Send(WithApi(Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin })));
        watch.Stop();

        Assert.Equal(Balances, Speech.Of(answer));
        Assert.True(watch.Elapsed < AlexaBudget, $"the turn took {watch.Elapsed}");
        Assert.True(await WaitForLog("progressive response", TimeSpan.FromSeconds(5)), "the failure is logged");
        Assert.Empty(amazon.Directives.Spoken);
    }

    [Fact]
    public async Task Requests_without_an_api_endpoint_or_token_send_nothing()
    {
        await Start(delay: "00:00:00.2");
        var talk = harness.NewConversation();
        await talk.Send(Envelopes.Intent(IntentNames.CheckBalance));
        bankDelay.Value = TimeSpan.FromSeconds(0.8);

        var noToken = WithApi(Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin }));
        noToken.Context!.System!.ApiAccessToken = null;
        Assert.Equal(Balances, Speech.Of(await talk.Send(noToken)));

        await Task.Delay(300);
        Assert.Equal(0, amazon.Directives.Count);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_loopback_http_is_explicitly_allowed()
    {
        await Start(delay: "00:00:00.2", allowLoopbackHttp: false);
        var talk = harness.NewConversation();
        await talk.Send(WithApi(Envelopes.Intent(IntentNames.CheckBalance)));
        bankDelay.Value = TimeSpan.FromSeconds(0.8);

        Assert.Equal(Balances, Speech.Of(await talk.Send(WithApi(Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin })))));

        await Task.Delay(300);
        Assert.Equal(0, amazon.Directives.Count);
    }

    private async Task Start(string delay, string timeout = "00:00:01", bool allowLoopbackHttp = true)
    {
        harness = await SkillHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["VoicePay:ProgressiveResponse:Enabled"] = "true",
                ["VoicePay:ProgressiveResponse:Delay"] = delay,
                ["VoicePay:ProgressiveResponse:Timeout"] = timeout,
                ["VoicePay:ProgressiveResponse:AllowLoopbackHttp"] = allowLoopbackHttp ? "true" : "false",
            },
            configure: services => services.AddHttpClient(PaymentsApiClient.HttpClientName).AddHttpMessageHandler(() => new DelayingHandler(bankDelay)));

        // One whole balance conversation first (fast bank, no apiEndpoint: nothing is sent), so the turns a test
        // times are not the process's first bank call on a busy machine.
        var warmUp = harness.NewConversation();
        await warmUp.Intent(IntentNames.CheckBalance);
        Assert.Equal(Balances, Speech.Of(await warmUp.Pin(SkillHarness.DemoPin)));
    }

    private SkillRequest WithApi(SkillRequest request)
    {
        request.Context!.System!.ApiEndpoint = amazon.BaseAddress.AbsoluteUri.TrimEnd('/');
        request.Context.System.ApiAccessToken = amazon.Directives.ExpectedToken;
        return request;
    }

    private async Task<bool> WaitForLog(string text, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!harness.Logs.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private sealed class BankDelay
    {
        private long ticks;
        private int calls;

        public TimeSpan Value
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref ticks));
            set => Interlocked.Exchange(ref ticks, value.Ticks);
        }

        public int Calls => Volatile.Read(ref calls);

        public void Count() => Interlocked.Increment(ref calls);
    }

    /// <summary>The bank's answers take <see cref="BankDelay.Value"/> longer: beneath the payments client, as a slow network would.</summary>
    private sealed class DelayingHandler(BankDelay delay) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var wait = delay.Value;
            if (wait > TimeSpan.Zero)
            {
                delay.Count();
                await Task.Delay(wait, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
