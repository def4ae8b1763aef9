using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// Issue 16, items 6 and 7: settling asks the bank, it doesn't create; an identical payment not yet settled waits with
/// words, whatever its age; one sent moments ago asks "Send another?"; a payment never executes long after it was
/// confirmed, and the launch's news before the PIN says only whether it went through. The sandbox's ledger is the judge.
/// </summary>
public sealed class SettlingTests
{
    private const string Payee = "mom";

    [Fact]
    public async Task Item6_a_payment_left_pending_by_a_killed_process_after_the_bank_committed_blocks_the_same_payment_asked_again_at_once()
    {
        var bank = new InterruptedBank();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => bank.Around(inner));
        var first = harness.NewConversation();
        await first.SendMoney("41", Payee, "85");
        await first.Confirm();
        bank.Next = Interruption.CommitThenDie;
        await first.Pin(SkillHarness.DemoPin);
        Assert.Equal(JournalState.Pending, Assert.Single(await Unresolved(harness)).State);
        Assert.Equal(1, harness.TransferCount());

        // Within 30 s of the dead call, on another device: the bank is read, and the person hears the first went through.
        var second = harness.NewConversation();
        var said = Speech.Of(await second.SendMoney("41", Payee, "85"));
        await second.Confirm();
        await second.Pin(SkillHarness.DemoPin);

        Assert.StartsWith("Your earlier payment of $41.85 to Mary Johnson went through", said, StringComparison.Ordinal);
        Assert.Contains("so I haven't set up another one", said, StringComparison.Ordinal);
        Assert.Single(harness.Bank.Ledger.Transfers());
        Assert.Empty(await Unresolved(harness));
        Assert.Single(bank.Requests);
    }

    [Fact]
    public async Task Item6_a_payment_left_pending_before_it_reached_the_bank_waits_with_words_then_is_sent_once_within_the_bound()
    {
        var bank = new InterruptedBank();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => bank.Around(inner));
        var first = harness.NewConversation();
        await first.SendMoney("41", Payee, "85");
        await first.Confirm();
        bank.Next = Interruption.DieBeforeTheBank;
        await first.Pin(SkillHarness.DemoPin);
        Assert.Equal(0, harness.TransferCount());

        var second = harness.NewConversation();
        Assert.Equal(
            "Your payment of $41.85 to Mary Johnson is still being sent, so I haven't set up another one. Ask me again in a moment.",
            Speech.Of(await second.SendMoney("41", Payee, "85")));
        Assert.Equal(0, harness.TransferCount());

        // Its caller is gone (30 s), and it is still within the bound: the one retry, with the same key, and the news.
        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var third = Speech.Of(await harness.NewConversation().SendMoney("41", Payee, "85"));

        Assert.StartsWith("Your earlier payment of $41.85 to Mary Johnson went through", third, StringComparison.Ordinal);
        Assert.Single(harness.Bank.Ledger.Transfers());
        Assert.Single(bank.Requests.Select(r => (r.IdempotencyKey, r.NotAfter)).Distinct());
    }

    [Fact]
    public async Task Item6_a_second_device_asking_the_same_payment_while_a_slow_bank_holds_the_first_is_refused_with_words()
    {
        var bank = new InterruptedBank();
        await using var harness = await SkillHarness.StartAsync(decorateBank: (_, inner) => bank.Around(inner));
        var first = harness.NewConversation();
        await first.SendMoney("41", Payee, "85");
        await first.Confirm();
        bank.Next = Interruption.Hold;
        var confirmedAt = harness.Time.GetUtcNow();
        var firstTurn = Task.Run(() => first.Pin(SkillHarness.DemoPin));
        await bank.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = harness.NewConversation();
        var said = Speech.Of(await second.SendMoney("41", Payee, "85"));
        bank.Release.SetResult();

        Assert.Equal("Your payment of $41.85 to Mary Johnson is still being sent, so I haven't set up another one. Ask me again in a moment.", said);
        Assert.StartsWith("Done. I sent $41.85 to Mary Johnson.", Speech.Of(await firstTurn), StringComparison.Ordinal);
        await second.Confirm();
        await second.Pin(SkillHarness.DemoPin);
        Assert.Single(harness.Bank.Ledger.Transfers());

        // The bank was told the bound: two minutes after the confirmation, in whole seconds.
        var notAfter = Assert.Single(bank.Requests).NotAfter!.Value;
        Assert.InRange(notAfter - confirmedAt, TimeSpan.FromSeconds(118), TimeSpan.FromSeconds(121));
        Assert.Equal(0, notAfter.Millisecond);
    }

    [Fact]
    public async Task Item6_a_payment_identical_to_one_sent_minutes_ago_asks_send_another_before_the_read_back()
    {
        await using var harness = await SkillHarness.StartAsync();
        var first = harness.NewConversation();
        await first.SendMoney("41", Payee, "85");
        await first.Confirm();
        Assert.StartsWith("Done.", Speech.Of(await first.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromSeconds(70));

        var no = harness.NewConversation();
        Assert.Equal("You sent $41.85 to Mary Johnson a minute ago. Send another?", Speech.Of(await no.SendMoney("41", Payee, "85")));
        Assert.StartsWith("Okay, I've cancelled the payment to Mary Johnson. Nothing was sent.", Speech.Of(await no.No()), StringComparison.Ordinal);
        Assert.Equal(1, harness.TransferCount());

        var yes = harness.NewConversation();
        Assert.Equal("You sent $41.85 to Mary Johnson a minute ago. Send another?", Speech.Of(await yes.SendMoney("41", Payee, "85")));
        Assert.Contains("Do you want to send another", Speech.Of(await yes.Intent(IntentNames.Repeat)), StringComparison.Ordinal);
        Assert.Equal("Send $41.85 to Mary Johnson from your checking account?", Speech.Of(await yes.Yes()));
        Assert.Contains("PIN", Speech.Of(await yes.Confirm()), StringComparison.Ordinal);
        Assert.StartsWith("Done. I sent $41.85 to Mary Johnson.", Speech.Of(await yes.Pin(SkillHarness.DemoPin)), StringComparison.Ordinal);
        Assert.Equal(2, harness.TransferCount());

        // Another amount is another payment; and past the window the same one is read back as usual.
        Assert.Equal("Send $41.86 to Mary Johnson from your checking account?", Speech.Of(await harness.NewConversation().SendMoney("41", Payee, "86")));
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("Send $41.85 to Mary Johnson from your checking account?", Speech.Of(await harness.NewConversation().SendMoney("41", Payee, "85")));
        Assert.Equal(2, harness.TransferCount());
    }

    [Fact]
    public async Task Item7_a_first_attempt_that_never_reached_the_bank_is_not_sent_hours_later_and_the_launch_says_only_that()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        var talk = harness.NewConversation();
        Assert.StartsWith("I couldn't confirm", Speech.Of(await faults.PayMeetingAsync(talk, "20", "alice smith", BankFault.TimeoutBeforeCommit)), StringComparison.Ordinal);
        harness.Time.Advance(TimeSpan.FromHours(3));
        var launch = Speech.Of(await harness.NewConversation().Launch());

        Assert.StartsWith("About your last payment: it didn't go through, and no money was moved. Welcome to Voice Pay.", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("$", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", launch, StringComparison.Ordinal);
        Assert.Equal(0, harness.TransferCount());
        Assert.Equal(1, faults.TransferCalls);

        // Settled for good, and its reservation of today's total given back.
        Assert.StartsWith("Welcome", Speech.Of(await harness.NewConversation().Launch()), StringComparison.Ordinal);
        var day = DateOnly.FromDateTime(harness.Time.GetUtcNow().AddHours(-3).UtcDateTime);
        Assert.Equal(0m, (await harness.Services.GetRequiredService<IUserStateStore>().GetDailyTotalAsync(Envelopes.UserId, day, "USD", CancellationToken.None)).Amount);
    }

    [Fact]
    public async Task Item7_the_launch_news_before_the_pin_says_only_that_it_went_through()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        var talk = harness.NewConversation();
        await faults.PayMeetingAsync(talk, "20", "alice smith", BankFault.TimeoutAfterCommit);

        var launch = Speech.Of(await harness.NewConversation("en-GB").Launch());

        Assert.StartsWith("About your last payment: it went through. Welcome", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("20.00", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", launch, StringComparison.Ordinal);
        Assert.DoesNotContain("reference", launch, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, harness.TransferCount());
    }

    [Fact]
    public async Task Item7_a_payment_the_bank_never_received_is_not_sent_when_the_same_payment_is_asked_past_the_bound()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        var talk = harness.NewConversation();
        await faults.PayMeetingAsync(talk, "20", "alice smith", BankFault.TimeoutBeforeCommit);

        // Past the bound and its margin the bank has none, and never will: the earlier one is not sent, this one is read back.
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var said = Speech.Of(await harness.NewConversation().SendMoney("20", "alice smith"));

        Assert.Equal("Send $20.00 to Alice Smith from your checking account?", said);
        Assert.Empty(await Unresolved(harness));
        Assert.Equal(0, harness.TransferCount());
        Assert.Equal(1, faults.TransferCalls);
    }

    private static Task<IReadOnlyList<JournalEntry>> Unresolved(SkillHarness harness) =>
        harness.Services.GetRequiredService<ITransferJournal>().UnresolvedAsync(Envelopes.UserId, CancellationToken.None);

    private enum Interruption
    {
        None,

        /// <summary>The bank commits, then the process dies (kill -9) before the journal hears of it: the entry stays pending.</summary>
        CommitThenDie,

        /// <summary>The process dies after journalling, before the request leaves.</summary>
        DieBeforeTheBank,

        /// <summary>A slow bank: the call waits until the test releases it.</summary>
        Hold,
    }

    /// <summary>The real payments client; the next transfer call meets <see cref="Next"/>. Records every transfer request.</summary>
    private sealed class InterruptedBank
    {
        public Interruption Next { get; set; }

        public List<TransferRequest> Requests { get; } = [];

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IPaymentsApi Around(IPaymentsApi inner) => new Wrapper(this, inner);

        private sealed class Wrapper(InterruptedBank owner, IPaymentsApi inner) : IPaymentsApi
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
                Interruption now;
                lock (owner.Requests)
                {
                    now = owner.Next;
                    owner.Next = Interruption.None;
                    if (now != Interruption.DieBeforeTheBank)
                    {
                        owner.Requests.Add(transfer);
                    }
                }

                switch (now)
                {
                    case Interruption.CommitThenDie:
                        await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
                        throw new ProcessKilledException();
                    case Interruption.DieBeforeTheBank:
                        throw new ProcessKilledException();
                    case Interruption.Hold:
                        owner.Held.SetResult();
                        await owner.Release.Task;
                        break;
                }

                return await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
            }
        }
    }

    /// <summary>Stands for kill -9: nothing after it in the turn runs (the journal is not advanced).</summary>
    private sealed class ProcessKilledException : Exception
    {
        public ProcessKilledException()
            : base("The process died here.")
        {
        }
    }
}
