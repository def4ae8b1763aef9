using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>When the bank's answer is lost after it acted, the skill says so and settles it later by reading the same key.</summary>
public sealed class TransferOutcomeTests
{
    [Fact]
    public async Task A_lost_answer_is_reported_honestly_and_settled_at_the_next_launch_without_a_second_transfer()
    {
        var bank = new LosesFirstTransferAnswer();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => bank.Wrapping(inner));
        var before = harness.CheckingBalance();
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        var unknown = await talk.Pin(SkillHarness.DemoPin);
        Assert.StartsWith("I couldn't confirm whether your payment of $20.00 to Alice Smith went through, so please don't send it again.", Speech.Of(unknown), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        // Before the PIN: only that it went through (issue 16, item 7). Settled by reading the key, not by sending again.
        var launch = await harness.NewConversation().Launch();
        Assert.StartsWith("About your last payment: it went through. Welcome to Voice Pay.", Speech.Of(launch), StringComparison.Ordinal);

        Assert.Equal(1, harness.TransferCount());
        Assert.Equal(before - 20.00m, harness.CheckingBalance());
        Assert.Single(bank.Keys);

        // Settled: the next launch says nothing about it.
        Assert.StartsWith("Welcome to Voice Pay.", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alexa_voice_pin_mode_hands_off_to_verify_person_and_sends_only_when_achieved()
    {
        await using var harness = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:Mode"] = "AlexaVoicePin" });
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");

        var handOff = await talk.Confirm();
        var connection = Assert.IsType<StartConnectionDirective>(Assert.Single(handOff.Response.Directives!));
        Assert.Equal("connection://AMAZON.VerifyPerson/2", connection.Uri);
        Assert.Equal("VOICE_PIN", connection.Input!["requestedAuthenticationConfidenceLevel"]!["customPolicy"]!["policyName"]!.GetValue<string>());
        Assert.Null(handOff.Response.ShouldEndSession);

        var done = await talk.Send(Envelopes.Envelope(Resumed(connection.Token!, "ACHIEVED")));
        Assert.StartsWith("Done. I sent $20.00 to Alice Smith.", Speech.Of(done), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());
    }

    [Theory]
    [InlineData("NOT_ACHIEVED", "I couldn't verify your voice PIN, so nothing was sent.")]
    [InlineData("NOT_ENABLED", "Voice PIN isn't turned on for Voice Pay.")]
    [InlineData("METHOD_LOCKOUT", "Voice payments are locked")]
    public async Task Alexa_voice_pin_failures_send_nothing(string status, string expected)
    {
        await using var harness = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:Mode"] = "AlexaVoicePin" });
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        var handOff = await talk.Confirm();
        var token = Assert.IsType<StartConnectionDirective>(Assert.Single(handOff.Response.Directives!)).Token!;

        var answer = await talk.Send(Envelopes.Envelope(Resumed(token, status)));

        Assert.StartsWith(expected, Speech.Of(answer), StringComparison.Ordinal);

        // Alexa's own PIN is not reset by "I forgot my PIN" (that is the skill's PIN): never offered here.
        Assert.DoesNotContain("I forgot my PIN", Speech.Of(answer), StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task Our_pin_intent_cannot_bypass_alexa_voice_pin_mode()
    {
        await using var harness = await SkillHarness.StartAsync(new Dictionary<string, string?> { ["VoicePay:Pin:Mode"] = "AlexaVoicePin" });
        var talk = harness.NewConversation();
        await talk.SendMoney("20", "alice smith");
        await talk.Confirm();

        // A PIN said to us in this mode is not ours to check: Alexa is asked to verify again.
        var again = await talk.Pin(SkillHarness.DemoPin);
        Assert.Equal("connection://AMAZON.VerifyPerson/2", Assert.IsType<StartConnectionDirective>(Assert.Single(again.Response.Directives!)).Uri);
        Assert.Equal(0, harness.TransferCount());
    }

    [Fact]
    public async Task An_unknown_transfer_kept_the_old_way_is_not_lost_after_an_upgrade()
    {
        await using var harness = await SkillHarness.StartAsync();
        var store = harness.Services.GetRequiredService<IUserStateStore>();
        // What the skill before the journal wrote after a lost answer, for a transfer that never reached the bank.
        await store.SaveConversationAsync(
            Envelopes.UserId,
            LegacyUnresolvedTransfer.SessionKey,
            """{"idempotencyKey":"vp-legacy-0001","payeeId":"payee-alice-smith","payeeName":"Alice Smith","fromAccountId":"acc-alice-checking","fromAccountName":"Everyday Checking","fromAccountLastFour":"4821","amount":7.5,"currency":"USD","confirmed":true,"reservedOn":"2026-11-24"}""",
            DateTimeOffset.UtcNow.AddDays(7),
            CancellationToken.None);

        var launch = Speech.Of(await harness.NewConversation().Launch());

        // Not at the bank, and imported just now: sent with the same key within the bound, once, and the person hears so.
        Assert.StartsWith("About your last payment: it went through. Welcome", launch, StringComparison.Ordinal);
        Assert.Equal("vp-legacy-0001", Assert.Single(harness.Bank.Ledger.Transfers()).IdempotencyKey);
        Assert.Null(await store.GetConversationAsync(Envelopes.UserId, LegacyUnresolvedTransfer.SessionKey, CancellationToken.None));
        Assert.StartsWith("Welcome", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
    }

    private static SessionResumedRequest Resumed(string token, string status) => new()
    {
        RequestId = "amzn1.echo-api.request.resumed",
        Timestamp = DateTimeOffset.UtcNow,
        Locale = "en-US",
        Cause = new ConnectionCause
        {
            Type = "ConnectionCompleted",
            Token = token,
            Status = new ConnectionStatus { Code = "200", Message = "OK" },
            Result = System.Text.Json.JsonDocument.Parse($$"""{"version":"2","status":"{{status}}"}""").RootElement,
        },
    };

    /// <summary>The bank acts on the first transfer but its answer never arrives, as after a timeout.</summary>
    private sealed class LosesFirstTransferAnswer
    {
        public List<string> Keys { get; } = [];

        public IPaymentsApi Wrapping(IPaymentsApi inner) => new Wrapper(this, inner);

        private sealed class Wrapper(LosesFirstTransferAnswer owner, IPaymentsApi inner) : IPaymentsApi
        {
            public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) => inner.GetCustomerAsync(accessToken, cancellationToken);

            public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) => inner.GetAccountsAsync(accessToken, cancellationToken);

            public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) => inner.GetPayeesAsync(accessToken, cancellationToken);

            public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) => inner.GetTransactionsAsync(accessToken, query, cancellationToken);

            public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) => inner.GetTransferAsync(accessToken, transferId, cancellationToken);

            public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken);

            public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken);

            public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) => inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken);

            public async Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
            {
                bool first;
                lock (owner.Keys)
                {
                    first = owner.Keys.Count == 0;
                    owner.Keys.Add(transfer.IdempotencyKey);
                }

                var result = await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
                return first ? BankResult<TransferReceipt>.Failure(BankError.OutcomeUnknown) : result;
            }
        }
    }
}
