using System.Net;
using VoicePay.Payments.Tests.Support;
using VoicePay.Skill.Banking;

namespace VoicePay.Payments.Tests;

/// <summary>
/// Faults between the client and a real sandbox bank. For transfers the question is always the same:
/// does the skill tell the truth about whether money moved, and does money never move twice?
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private TestBank _bank = null!;

    public async Task InitializeAsync() => _bank = await TestBank.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    [Fact]
    public async Task A_lost_answer_is_recovered_by_replaying_the_same_key()
    {
        var faults = new FaultHandler(Faults.LoseResponse) { PassThroughAfterScript = true };
        var client = _bank.Client(ShortBudget, faults);

        var result = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, "key-lost-once"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, faults.Attempts);
        Assert.All(faults.IdempotencyKeys, key => Assert.Equal("key-lost-once", key));
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_bank_that_acts_but_never_answers_gives_an_unknown_outcome_that_a_later_replay_resolves()
    {
        var faults = new FaultHandler(Faults.LoseResponse);
        var transfer = TestBank.Transfer(20m, "key-never-answered");

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, result.Error);
        Assert.True(faults.Attempts > 1);
        Assert.Equal(1, _bank.TransferCount);

        var later = await _bank.Client().SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);
        Assert.True(later.IsSuccess);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_hang_on_a_read_is_just_unavailable()
    {
        var result = await _bank.Client(ShortBudget, new FaultHandler(Faults.Hang)).GetAccountsAsync(TestBank.Alice, CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
    }

    [Fact]
    public async Task A_slow_answer_beyond_the_whole_budget_gives_up_with_an_unknown_outcome()
    {
        // Two retries are allowed, but the 2 s budget runs out during the second attempt.
        var faults = new FaultHandler(Faults.LoseResponse);
        var client = _bank.Client(
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(1.5);
                o.TotalTimeout = TimeSpan.FromSeconds(2);
                o.MaxRetries = 2;
            },
            faults);

        var result = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, result.Error);
        Assert.InRange(faults.Attempts, 1, 2);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task The_callers_deadline_wins_over_a_longer_budget()
    {
        var faults = new FaultHandler(Faults.Hang);
        var client = _bank.Client(o => { o.AttemptTimeout = TimeSpan.FromMinutes(1); o.TotalTimeout = TimeSpan.FromMinutes(2); }, faults);
        using var lambdaRemainingTime = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await client.GetPayeesAsync(TestBank.Alice, lambdaRemainingTime.Token);

        Assert.Equal(BankError.Unavailable, result.Error);
        Assert.True(faults.SawCancellation);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable_and_nothing_moved()
    {
        var faults = new FaultHandler(Faults.RefuseConnection);

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
        Assert.Equal(3, faults.Attempts);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task A_real_closed_port_is_unavailable()
    {
        var client = _bank.Client(ShortBudget, baseUrl: LoopbackSockets.ClosedPort());

        Assert.Equal(BankError.Unavailable, (await client.GetAccountsAsync(TestBank.Alice, CancellationToken.None)).Error);
        Assert.Equal(BankError.Unavailable, (await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None)).Error);
    }

    [Fact]
    public async Task A_real_connection_reset_after_sending_is_an_unknown_outcome()
    {
        await using var resetting = new ResettingServer();
        var client = _bank.Client(ShortBudget, baseUrl: resetting.BaseAddress);

        var transfer = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None);
        var accounts = await client.GetAccountsAsync(TestBank.Alice, CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, transfer.Error);
        Assert.Equal(BankError.Unavailable, accounts.Error);
        Assert.True(resetting.Requests >= 2);
    }

    [Fact]
    public async Task A_reset_after_the_bank_acted_is_retried_with_the_same_key_and_pays_once()
    {
        var faults = new FaultHandler(Faults.ResetAfterSending) { PassThroughAfterScript = true };

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Single(faults.IdempotencyKeys.Distinct());
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task Persistent_500s_on_a_transfer_are_an_unknown_outcome_never_a_second_transfer()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.InternalServerError));
        var transfer = TestBank.Transfer(20m, TestBank.NewKey());

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, result.Error);
        Assert.Equal(3, faults.Attempts);
        Assert.Equal(0, _bank.TransferCount);

        var later = await _bank.Client().SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);
        Assert.True(later.IsSuccess);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_single_500_is_retried()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.InternalServerError)) { PassThroughAfterScript = true };

        var result = await _bank.Client(ShortBudget, faults).GetPayeesAsync(TestBank.Alice, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task A_503_with_a_short_retry_after_is_waited_out_and_retried()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: "1")) { PassThroughAfterScript = true };

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, faults.Attempts);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_503_asking_for_longer_than_the_budget_ends_the_call_at_once_with_nothing_moved()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: "120"));

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
        Assert.Equal(1, faults.Attempts);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task A_503_after_an_attempt_that_may_have_acted_is_still_an_unknown_outcome()
    {
        var faults = new FaultHandler(Faults.LoseResponse, Faults.Status(HttpStatusCode.ServiceUnavailable));

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, result.Error);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_non_json_answer_to_a_read_is_unavailable()
    {
        var result = await _bank.Client(ShortBudget, new FaultHandler(Faults.HtmlInsteadOfJson)).GetAccountsAsync(TestBank.Alice, CancellationToken.None);

        Assert.Equal(BankError.Unavailable, result.Error);
    }

    [Fact]
    public async Task A_non_json_answer_to_a_transfer_is_an_unknown_outcome_and_a_replay_confirms_it()
    {
        var transfer = TestBank.Transfer(20m, TestBank.NewKey());

        var result = await _bank.Client(ShortBudget, new FaultHandler(Faults.HtmlInsteadOfJson)).SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);

        Assert.Equal(BankError.OutcomeUnknown, result.Error);
        var later = await _bank.Client().SendTransferAsync(TestBank.Alice, transfer, CancellationToken.None);
        Assert.True(later.IsSuccess);
        Assert.Equal(1, _bank.TransferCount);
    }

    [Fact]
    public async Task A_409_conflict_is_an_idempotency_conflict_and_is_not_retried()
    {
        var faults = new FaultHandler(Faults.ConflictProblem);

        var result = await _bank.Client(ShortBudget, faults).SendTransferAsync(TestBank.Alice, TestBank.Transfer(20m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.IdempotencyConflict, result.Error);
        Assert.Equal(1, faults.Attempts);
        Assert.Equal(0, _bank.TransferCount);
    }

    [Fact]
    public async Task An_open_circuit_fails_fast_without_calling_the_bank()
    {
        var faults = new FaultHandler(Faults.Status(HttpStatusCode.InternalServerError));
        var client = _bank.Client(
            o =>
            {
                ShortBudget(o);
                o.MaxRetries = 0;
                o.CircuitBreakerMinimumThroughput = 2;
                o.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(1);
            },
            faults);

        await client.GetAccountsAsync(TestBank.Alice, CancellationToken.None);
        await client.GetAccountsAsync(TestBank.Alice, CancellationToken.None);
        var attemptsBefore = faults.Attempts;
        var whileOpen = await client.SendTransferAsync(TestBank.Alice, TestBank.Transfer(1m, TestBank.NewKey()), CancellationToken.None);

        Assert.Equal(BankError.Unavailable, whileOpen.Error);
        Assert.Equal(attemptsBefore, faults.Attempts);
    }

    private static void ShortBudget(PaymentsClientOptions options)
    {
        // Long enough for a real answer from a busy machine; every injected hang costs this much per attempt.
        options.AttemptTimeout = TimeSpan.FromSeconds(1.5);
        options.TotalTimeout = TimeSpan.FromSeconds(6);
        options.MaxRetries = 2;
        options.MaxRetryAfter = TimeSpan.FromSeconds(2);
    }
}
