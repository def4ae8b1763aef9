using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The demo conversation from events/README.md, turn by turn over HTTP, against the sandbox bank.</summary>
public sealed class SendMoneyConversationTests(DevModeHostFixture fixture) : IClassFixture<DevModeHostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Read_back_then_yes_then_the_PIN_sends_the_money_exactly_once()
    {
        Assert.True(VoicePin.TryParse(LocalDefaults.DemoPin, out var pin));
        await Host.Services.GetRequiredService<VoicePinVerifier>().EnrollAsync(PinHolder.Account(LocalDefaults.DemoUserId), pin, CancellationToken.None);
        var ledger = Host.Bank!.Ledger;
        var transfersBefore = ledger.Audit().TransferCount;

        var readBack = await SayAsync("send-money.json");
        Assert.Equal(transfersBefore, ledger.Audit().TransferCount);
        var askPin = await SayAsync("send-money-confirm.json");
        Assert.Equal(transfersBefore, ledger.Audit().TransferCount);
        var done = await SayAsync("pin.json");

        Assert.Equal("Send $20.00 to Alice Smith from your checking account?", readBack);
        Assert.Contains("voice PIN", askPin, StringComparison.Ordinal);
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", done, StringComparison.Ordinal);
        var audit = ledger.Audit();
        Assert.Equal(transfersBefore + 1, audit.TransferCount);
        Assert.Equal(0m, audit.EntrySum);
    }

    private async Task<string> SayAsync(string eventFile)
    {
        using var response = await Host.Client.SendAsync(AlexaEvents.Post(AlexaEvents.Load(eventFile), signature: null, chainUrl: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AlexaEvents.SpeechOfAsync(response);
    }
}
