using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>
/// The double payment an independent check reproduced, end to end over HTTP with a real failing
/// network between the skill and the bank (<see cref="FaultProxy"/>): a lost reply, the bank
/// unreachable at the next launch, the person asking again. One transfer in the ledger, and the
/// truth at every turn.
/// </summary>
public sealed class DoublePaymentTests
{
    private static readonly Dictionary<string, string?> QuickBank = new()
    {
        // Short, so lost replies time out quickly; the client still retries with the same key.
        ["VoicePay:Payments:AttemptTimeout"] = "00:00:00.4",
        ["VoicePay:Payments:TotalTimeout"] = "00:00:01.5",
        ["VoicePay:Payments:CircuitBreakerBreakDuration"] = "00:00:00.5",
    };

    [Fact]
    public async Task A_lost_reply_then_an_unreachable_bank_never_pays_twice_and_never_says_nothing_moved()
    {
        FaultProxy? proxy = null;
        await using var host = await StartAsync(bank => (proxy = FaultProxy.To(bank)).Address);
        await using var _ = proxy!;
        var ledger = host.Bank!.Ledger;

        var first = NewSession();
        Assert.Equal("Send $20.00 to Alice Smith from your checking account?", await SayAsync(host, "send-money.json", first));
        Assert.Contains("voice PIN", await SayAsync(host, "send-money-confirm.json", first), StringComparison.Ordinal);
        proxy!.Mode = ProxyMode.LoseTransferReplies;
        Assert.StartsWith(
            "I couldn't confirm whether your payment of $20.00 to Alice Smith went through, so please don't send it again.",
            await SayAsync(host, "pin.json", first),
            StringComparison.Ordinal);
        Assert.Equal(1, ledger.Audit().TransferCount);

        // The next launch: the bank is unreachable. Nothing is settled, and nothing is denied.
        proxy.Mode = ProxyMode.Down;
        var second = NewSession();
        var launch = await SayAsync(host, "launch.json", second);
        Assert.StartsWith("I still can't confirm whether your last payment went through, so please don't send it again.", launch, StringComparison.Ordinal);

        // The person asks again while it is still down: nothing is sent, and that is all that is said.
        Assert.StartsWith("I couldn't reach your bank just now, so nothing has changed.", await SayAsync(host, "send-money.json", second), StringComparison.Ordinal);
        Assert.Equal(1, ledger.Audit().TransferCount);

        // The bank is back: asking again settles the doubt first, and nothing is sent twice.
        proxy.Mode = ProxyMode.Pass;
        var settled = await UntilBankAnswersAsync(host, "send-money.json");
        Assert.StartsWith("Your earlier payment of $20.00 to Alice Smith went through", settled, StringComparison.Ordinal);
        Assert.StartsWith("Welcome to Voice Pay.", await SayAsync(host, "launch.json", NewSession()), StringComparison.Ordinal);
        Assert.Equal(1, ledger.Audit().TransferCount);
        Assert.Equal(0m, ledger.Audit().EntrySum);
    }

    [Fact]
    public async Task While_the_bank_will_not_answer_about_it_a_second_identical_payment_is_refused()
    {
        FaultProxy? proxy = null;
        await using var host = await StartAsync(bank => (proxy = FaultProxy.To(bank)).Address);
        await using var _ = proxy!;

        var first = NewSession();
        await SayAsync(host, "send-money.json", first);
        await SayAsync(host, "send-money-confirm.json", first);
        proxy!.Mode = ProxyMode.LoseTransferReplies;
        Assert.StartsWith("I couldn't confirm", await SayAsync(host, "pin.json", first), StringComparison.Ordinal);

        // Accounts and payees answer; the bank's answer about the transfer is lost again.
        var again = await SayAsync(host, "send-money.json", NewSession());
        Assert.StartsWith("I still can't confirm your earlier payment of $20.00 to Alice Smith, so please don't send it again.", again, StringComparison.Ordinal);
        Assert.Equal(1, host.Bank!.Ledger.Audit().TransferCount);
    }

    [Fact]
    public async Task Item5_a_replayed_request_id_at_the_host_gets_the_same_bytes_and_pays_once()
    {
        await using var host = await StartAsync(bank => bank);
        var pin = await ConfirmedPaymentsPinAsync(host);

        var first = await PostAsync(host, pin);
        var replayed = await PostAsync(host, pin);

        Assert.Contains("sent", System.Text.Encoding.UTF8.GetString(first), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(first, replayed);
        Assert.Equal(1, host.Bank!.Ledger.Audit().TransferCount);
    }

    [Fact]
    public async Task A_caller_that_hangs_up_mid_turn_leaves_the_turn_to_finish_and_its_retry_hears_the_answer()
    {
        // Alexa (or a load generator) gives up on a slow answer and sends the same request again.
        FaultProxy? proxy = null;
        await using var host = await StartAsync(bank => (proxy = FaultProxy.To(bank)).Address);
        await using var _ = proxy!;
        var pin = await ConfirmedPaymentsPinAsync(host);
        proxy!.Mode = ProxyMode.LoseTransferReplies;

        using (var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.SendAsync(AlexaEvents.Post(pin, signature: null, chainUrl: null), hangUp.Token));
        }

        // The turn went on without its caller: the retry gets its answer, not "still working on that".
        var retried = JsonNode.Parse(await PostAsync(host, pin))!["response"]!["outputSpeech"]!["ssml"]!.GetValue<string>();
        Assert.Contains("I couldn't confirm whether your payment of $20.00 to Alice Smith went through", retried, StringComparison.Ordinal);
        Assert.Equal(1, host.Bank!.Ledger.Audit().TransferCount);
    }

    /// <summary>"Send $20 to Alice", yes, in a new session; returns that session's PIN request, with one request id to send more than once.</summary>
    private static async Task<byte[]> ConfirmedPaymentsPinAsync(TestHost host)
    {
        var session = NewSession();
        await SayAsync(host, "send-money.json", session);
        await SayAsync(host, "send-money-confirm.json", session);
        return AlexaEvents.Load("pin.json", edit: json =>
        {
            json["session"]!["sessionId"] = session;
            json["request"]!["requestId"] = "amzn1.echo-api.request." + Guid.NewGuid();
        });
    }

    private static async Task<byte[]> PostAsync(TestHost host, byte[] body)
    {
        using var response = await host.Client.SendAsync(AlexaEvents.Post(body, signature: null, chainUrl: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<TestHost> StartAsync(Func<Uri, Uri> bankAddress)
    {
        var host = await TestHost.StartAsync(new HostSettings { VerifyRequests = false, BankAddress = bankAddress, Configuration = QuickBank });
        Assert.True(VoicePin.TryParse(LocalDefaults.DemoPin, out var pin));
        await host.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(LocalDefaults.DemoUserId), pin, CancellationToken.None);
        return host;
    }

    /// <summary>Asks in new sessions until the client's circuit breaker lets a call through; every answer on the way must be true too.</summary>
    private static async Task<string> UntilBankAnswersAsync(TestHost host, string eventFile)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var said = await SayAsync(host, eventFile, NewSession());
            if (!said.StartsWith("I couldn't reach your bank just now, so nothing has changed.", StringComparison.Ordinal))
            {
                return said;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The bank never answered again.");
    }

    private static string NewSession() => "amzn1.echo-api.session." + Guid.NewGuid();

    private static async Task<string> SayAsync(TestHost host, string eventFile, string session)
    {
        var body = AlexaEvents.Load(eventFile, edit: json =>
        {
            json["session"]!["sessionId"] = session;
            json["request"]!["requestId"] = "amzn1.echo-api.request." + Guid.NewGuid();
            json["session"]!["new"] = JsonValue.Create(json["request"]!["type"]!.GetValue<string>() == "LaunchRequest");
        });
        using var response = await host.Client.SendAsync(AlexaEvents.Post(body, signature: null, chainUrl: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AlexaEvents.SpeechOfAsync(response);
    }
}
