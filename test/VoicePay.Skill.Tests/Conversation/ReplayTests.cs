using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Request idempotency at the edge (issue 16, items 5 and 11): a request id is answered once, and a repeat gets the same
/// bytes and does nothing. The sandbox bank's ledger is the judge of what moved.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task Item5_ReplayedRequestPaysOnce()
    {
        var bank = new BankFaults();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => new FaultyBank(inner, bank));
        var talk = harness.NewConversation();
        await talk.SendMoney("45.76", "alice smith");
        await talk.Confirm();
        bank.Transfers = BankFault.ServerError;
        Assert.StartsWith("I couldn't confirm", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);

        // The same payment asked again, bank healthy: it settles the first one.
        bank.Transfers = BankFault.None;
        var again = SendMoney(talk, "45.76", "alice smith");
        var first = await harness.Pipeline.RespondAsync(again, CancellationToken.None);
        Assert.Contains("went through", Speech.Of(AlexaJson.ParseResponse(first)), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        // That request delivered a second time: the same bytes, no new read-back, and a yes finds nothing to confirm.
        var replayed = await harness.Pipeline.RespondAsync(again, CancellationToken.None);
        Assert.Equal(first, replayed);
        await talk.Confirm();
        await talk.Yes();
        Assert.Equal(1, harness.TransferCount());
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task Item5_TwoConcurrentDeliveriesRunTheHandlerOnce()
    {
        var gate = new BankGate();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => new GatedBank(inner, gate));
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        var pin = PinRequest(talk);

        var first = harness.Pipeline.RespondAsync(pin, CancellationToken.None);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = harness.Pipeline.RespondAsync(pin, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        gate.Release.SetResult();

        Assert.Equal(await first, await second);
        Assert.Contains("sent", Speech.Of(AlexaJson.ParseResponse(await first)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, gate.Calls);
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task Item5_ARepeatWhoseFirstDeliveryHasNotAnsweredSaysStillWorkingAndDoesNothing()
    {
        var gate = new BankGate();
        await using var harness = await SkillHarness.StartAsync(
            new Dictionary<string, string?> { ["VoicePay:Replay:Wait"] = "00:00:00.3" },
            decorateBank: (_, inner) => new GatedBank(inner, gate));
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();
        var pin = PinRequest(talk);

        var first = harness.Pipeline.RespondAsync(pin, CancellationToken.None);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        try
        {
            // Without the guard the repeat would run too, and wait at the bank's door with the first.
            var waiting = AlexaJson.ParseResponse(await harness.Pipeline.RespondAsync(pin, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("I'm still working on that. Ask me again in a moment.", Speech.Of(waiting));
            Assert.False(waiting.Response.ShouldEndSession);
        }
        finally
        {
            gate.Release.TrySetResult();
        }

        var answered = await first;
        Assert.Equal(answered, await harness.Pipeline.RespondAsync(pin, CancellationToken.None));
        Assert.Equal(1, gate.Calls);
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    [Fact]
    public async Task Item5_TheExceptionHandlersAnswerIsKeptAndAReplayDoesNotRunAgain()
    {
        var store = new StoreFaults();
        await using var harness = await SkillHarness.StartAsync(configure: store.Install);
        var talk = harness.NewConversation();
        store.Arm(nameof(IUserStateStore.SaveConversationAsync));
        var ask = SendMoney(talk, "20", "alice smith");

        var first = await harness.Pipeline.RespondAsync(ask, CancellationToken.None);
        Assert.StartsWith("Sorry, something went wrong", Speech.Of(AlexaJson.ParseResponse(first)), StringComparison.Ordinal);

        // Run again, the request would now succeed with a read-back; the replay gets the apology, byte for byte.
        Assert.Equal(first, await harness.Pipeline.RespondAsync(ask, CancellationToken.None));
        Assert.Equal(1, store.Failures);
    }

    [Fact]
    public async Task Item5_AReplayAfterTheWindowIsARequestOfItsOwn()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        var ask = SendMoney(talk, "20", "alice smith");
        var first = await harness.Pipeline.RespondAsync(ask, CancellationToken.None);

        var kept = harness.Services.GetRequiredService<IHandledRequests>();
        harness.Time.Advance(TimeSpan.FromSeconds(149));
        Assert.Equal(first, (await kept.FindRequestAsync(Envelopes.UserId, ask.Request.RequestId!, harness.Time.GetUtcNow(), CancellationToken.None))?.Response);
        Assert.Equal(first, await harness.Pipeline.RespondAsync(ask, CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        // Past the window (request verification refuses such a replay at the host), the answer is no longer kept.
        Assert.Null(await kept.FindRequestAsync(
            Envelopes.UserId, ask.Request.RequestId!, harness.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Item11_AnEndedSessionsStateIsGone()
    {
        await using var harness = await SkillHarness.StartAsync();
        var talk = harness.NewConversation();
        await talk.SendMoney("5", "alice smith");
        await talk.Confirm();
        Assert.Contains("sent", Speech.Of(await talk.Pin(SkillHarness.DemoPin)), StringComparison.OrdinalIgnoreCase);

        await talk.Send(Envelopes.Envelope(new SessionEndedRequest { RequestId = "amzn1.echo-api.request." + Guid.NewGuid(), Timestamp = DateTimeOffset.UtcNow, Reason = "USER_INITIATED" }, sessionId: talk.SessionId));

        Assert.Null(await harness.Services.GetRequiredService<IUserStateStore>().GetConversationAsync(Envelopes.UserId, talk.SessionId, CancellationToken.None));
        // A new request with that session id starts afresh: the PIN verified before is not carried over.
        await talk.SendMoney("3", "alice smith");
        Assert.Contains("PIN", Speech.Of(await talk.Confirm()), StringComparison.Ordinal);
        Assert.Single(harness.Bank.Ledger.Transfers());
    }

    private static SkillRequest SendMoney(Conversation talk, string amount, string payee)
    {
        var request = Envelopes.Intent(IntentNames.SendMoney, new Dictionary<string, string?> { [SlotNames.Amount] = amount, [SlotNames.Payee] = payee }, dialogState: DialogStates.Started, sessionId: talk.SessionId);
        return request;
    }

    private static SkillRequest PinRequest(Conversation talk) =>
        Envelopes.Intent(IntentNames.Pin, new Dictionary<string, string?> { [SlotNames.Pin] = SkillHarness.DemoPin }, sessionId: talk.SessionId);
}

/// <summary>Holds every transfer at the bank's door until released, and counts them.</summary>
internal sealed class BankGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls;
}

internal sealed class GatedBank(IPaymentsApi inner, BankGate gate) : IPaymentsApi
{
    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) => inner.GetCustomerAsync(accessToken, cancellationToken);

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) => inner.GetAccountsAsync(accessToken, cancellationToken);

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) => inner.GetPayeesAsync(accessToken, cancellationToken);

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) =>
        inner.GetTransactionsAsync(accessToken, query, cancellationToken);

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) =>
        inner.GetTransferAsync(accessToken, transferId, cancellationToken);

    public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken);

    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken);

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) => inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken);

    public async Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref gate.Calls);
        gate.Entered.TrySetResult();
        await gate.Release.Task;
        return await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
    }
}
