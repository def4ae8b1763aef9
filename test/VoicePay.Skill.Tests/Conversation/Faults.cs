using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// What a failing network does to one bank call, as the payments client reports it (its own tests
/// prove the mapping from timeouts, resets, 5xx, 401 and an open circuit to these results).
/// </summary>
public enum BankFault
{
    None,

    /// <summary>Connection refused or circuit open: the request never left (client: Unavailable).</summary>
    Unreachable,

    /// <summary>The bank refused the token (client: Unauthorized).</summary>
    Unauthorized,

    /// <summary>Timed out or reset before the bank committed (client: OutcomeUnknown, nothing moved).</summary>
    TimeoutBeforeCommit,

    /// <summary>The bank committed, the answer was lost (client: OutcomeUnknown, money moved).</summary>
    TimeoutAfterCommit,

    /// <summary>A 5xx before acting (client: OutcomeUnknown for a transfer, Unavailable for reads).</summary>
    ServerError,
}

/// <summary>Where a simulated kill -9 stops a turn.</summary>
public enum KillPoint
{
    None,

    /// <summary>The transfer is journalled as pending and never reaches the bank.</summary>
    BeforeBankTransfer,

    /// <summary>The bank took (or refused) the transfer; nobody in the skill hears its answer, the journal stays pending.</summary>
    AfterBankTransfer,

    /// <summary>Before a store write: it never happens.</summary>
    BeforeStoreWrite,

    /// <summary>A store write has happened; the turn never learns it did.</summary>
    AfterStoreWrite,
}

/// <summary>
/// kill -9 of the process running a turn, shared by every process the test starts. At the armed point the turn stops
/// for good: nothing after it runs (no catch or finally of the skill's, no answer, no save), as when the process dies.
/// The test then starts a new process on the same files, table and bank.
/// </summary>
internal sealed class Kills
{
    private (KillPoint Point, string? Method)? armed;
    private TaskCompletionSource killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the armed point is reached (the turn is dead from then on).</summary>
    public Task Killed => killed.Task;

    /// <summary>The next time a turn reaches <paramref name="point"/> (of <paramref name="method"/>, for a store write) it dies there.</summary>
    public void Arm(KillPoint point, string? method = null)
    {
        killed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        armed = point == KillPoint.None ? null : (point, method);
    }

    /// <summary>At <paramref name="point"/>: when armed there, returns a task that never completes, so the caller never runs on.</summary>
    public Task At(KillPoint point, string? method = null)
    {
        if (armed is not { } at || at.Point != point || (at.Method is not null && at.Method != method))
        {
            return Task.CompletedTask;
        }

        armed = null;
        killed.TrySetResult();

        // Nothing holds this source but the dead turn: both are collected.
        return new TaskCompletionSource().Task;
    }
}

/// <summary>What the test wants the bank calls to suffer, shared by every process the test starts.</summary>
internal sealed class BankFaults
{
    public BankFault Transfers { get; set; }

    /// <summary>Simulated kills of the process inside a transfer call (none unless the test sets them).</summary>
    public Kills Kills { get; set; } = new();

    public BankFault Reads { get; set; }

    public int TransferCalls;

    /// <summary>A harness whose calls to the bank meet these faults.</summary>
    public Task<SkillHarness> StartHarnessAsync() => SkillHarness.StartAsync(decorateBank: (_, inner) => new FaultyBank(inner, this));

    /// <summary>
    /// "Send <paramref name="amount"/> to <paramref name="payee"/>", yes, and the PIN turn whose transfer call meets
    /// <paramref name="fault"/>: the set-up of every test about a payment whose outcome was lost. Returns the PIN turn's answer.
    /// </summary>
    public async Task<SkillResponse> PayMeetingAsync(Conversation talk, string amount, string payee, BankFault fault)
    {
        ArgumentNullException.ThrowIfNull(talk);
        await talk.SendMoney(amount, payee);
        await talk.Confirm();
        return await DuringTransfersAsync(fault, () => talk.Pin(SkillHarness.DemoPin));
    }

    /// <summary>One turn whose transfer call meets <paramref name="fault"/>; the calls after it go through.</summary>
    public async Task<SkillResponse> DuringTransfersAsync(BankFault fault, Func<Task<SkillResponse>> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        Transfers = fault;
        try
        {
            return await turn();
        }
        finally
        {
            Transfers = BankFault.None;
        }
    }
}

/// <summary>The real payments client, with the calls' fate chosen by the test.</summary>
internal sealed class FaultyBank(IPaymentsApi inner, BankFaults faults) : IPaymentsApi
{
    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) =>
        Read(() => inner.GetCustomerAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) =>
        Read(() => inner.GetAccountsAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) =>
        Read(() => inner.GetPayeesAsync(accessToken, cancellationToken));

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) =>
        Read(() => inner.GetTransactionsAsync(accessToken, query, cancellationToken));

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) =>
        Read(() => inner.GetTransferAsync(accessToken, transferId, cancellationToken));

    /// <summary>The bank's code calls share the reads' fate: a bank that cannot answer a read cannot text a code either.</summary>
    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        Read(() => inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken));

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) =>
        Read(() => inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken));

    /// <summary>The read that settles a transfer shares the transfer calls' fate: a bank that cannot take a transfer cannot say what became of one either.</summary>
    public async Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) => faults.Transfers switch
    {
        BankFault.None => await inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken),
        BankFault.Unauthorized => BankError.Unauthorized,
        _ => BankError.Unavailable,
    };

    public async Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
    {
        await faults.Kills.At(KillPoint.BeforeBankTransfer);
        var result = await SendAsync(accessToken, transfer, cancellationToken);
        await faults.Kills.At(KillPoint.AfterBankTransfer);
        return result;
    }

    private async Task<BankResult<TransferReceipt>> SendAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref faults.TransferCalls);
        switch (faults.Transfers)
        {
            case BankFault.Unreachable:
                return BankError.Unavailable;
            case BankFault.Unauthorized:
                return BankError.Unauthorized;
            case BankFault.TimeoutBeforeCommit or BankFault.ServerError:
                return BankError.OutcomeUnknown;
            case BankFault.TimeoutAfterCommit:
                await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
                return BankError.OutcomeUnknown;
            default:
                return await inner.SendTransferAsync(accessToken, transfer, cancellationToken);
        }
    }

    private async Task<BankResult<T>> Read<T>(Func<Task<BankResult<T>>> call) => faults.Reads switch
    {
        BankFault.None => await call(),
        BankFault.Unauthorized => BankError.Unauthorized,
        _ => BankError.Unavailable,
    };
}

/// <summary>Which store method fails next, shared by every process the test starts.</summary>
internal sealed class StoreFaults
{
    private string? armed;

    public static readonly string[] Methods =
    [
        nameof(FaultyStore.GetPinAsync), nameof(FaultyStore.UpdatePinAttemptsAsync), nameof(FaultyStore.TryReserveDailyAmountAsync), nameof(FaultyStore.ReleaseDailyAmountAsync),
        nameof(FaultyStore.GetDailyTotalAsync), nameof(FaultyStore.GetConversationAsync), nameof(FaultyStore.SaveConversationAsync), nameof(FaultyStore.BeginAsync),
        nameof(FaultyStore.AdvanceAsync), nameof(FaultyStore.FindAsync), nameof(FaultyStore.UnresolvedAsync), nameof(FaultyStore.SentSinceAsync),
    ];

    /// <summary>The writes a simulated kill can stop before or after.</summary>
    public static readonly string[] Writes =
    [
        nameof(FaultyStore.UpdatePinAttemptsAsync), nameof(FaultyStore.TryReserveDailyAmountAsync), nameof(FaultyStore.ReleaseDailyAmountAsync),
        nameof(FaultyStore.SaveConversationAsync), nameof(FaultyStore.BeginAsync), nameof(FaultyStore.AdvanceAsync),
    ];

    public int Failures { get; private set; }

    /// <summary>Simulated kills of the process around a store write (none unless the test sets them).</summary>
    public Kills Kills { get; set; } = new();

    /// <summary>The next call of <paramref name="method"/> throws; null disarms.</summary>
    public void Arm(string? method) => armed = method;

    public void ThrowIfArmed(string method)
    {
        if (armed == method)
        {
            armed = null;
            Failures++;
            throw new IOException($"Injected store failure in {method}.");
        }
    }

    /// <summary>Puts the faulty store in front of the registered store (SQLite or DynamoDB), for both ports.</summary>
    public void Install(IServiceCollection services)
    {
        var store = services.Last(d => d.ServiceType == typeof(IUserStateStore));
        var journal = services.Last(d => d.ServiceType == typeof(ITransferJournal));
        services.AddSingleton(sp => new FaultyStore((IUserStateStore)store.ImplementationFactory!(sp), (ITransferJournal)journal.ImplementationFactory!(sp), this));
        services.AddSingleton<IUserStateStore>(sp => sp.GetRequiredService<FaultyStore>());
        services.AddSingleton<ITransferJournal>(sp => sp.GetRequiredService<FaultyStore>());
    }
}

/// <summary>The real stores, except that an armed method throws on its next call, as a failing disk or network would.</summary>
internal sealed class FaultyStore(IUserStateStore store, ITransferJournal journal, StoreFaults faults) : IUserStateStore, ITransferJournal
{
    public Task SetPinAsync(PinHolder holder, StoredPin pin, CancellationToken cancellationToken) => store.SetPinAsync(holder, pin, cancellationToken);

    public Task<bool> ReplacePinAsync(PinHolder holder, StoredPin current, StoredPin replacement, CancellationToken cancellationToken) =>
        store.ReplacePinAsync(holder, current, replacement, cancellationToken);

    public Task<PinRecord?> GetPinAsync(PinHolder holder, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.GetPinAsync), () => store.GetPinAsync(holder, cancellationToken));

    public Task<T> UpdatePinAttemptsAsync<T>(PinHolder holder, Func<PinAttemptWindow, (PinAttemptWindow Window, T Result)> change, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.UpdatePinAttemptsAsync), () => store.UpdatePinAttemptsAsync(holder, change, cancellationToken));

    public Task<bool> TryReserveDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, Money amount, Money dailyLimit, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.TryReserveDailyAmountAsync), () => store.TryReserveDailyAmountAsync(userId, day, idempotencyKey, amount, dailyLimit, cancellationToken));

    public Task ReleaseDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.ReleaseDailyAmountAsync), async () =>
        {
            await store.ReleaseDailyAmountAsync(userId, day, idempotencyKey, cancellationToken);
            return true;
        });

    public Task<Money> GetDailyTotalAsync(string userId, DateOnly day, string currency, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.GetDailyTotalAsync), () => store.GetDailyTotalAsync(userId, day, currency, cancellationToken));

    public Task<string?> GetConversationAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.GetConversationAsync), () => store.GetConversationAsync(userId, sessionId, cancellationToken));

    public Task SaveConversationAsync(string userId, string sessionId, string state, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.SaveConversationAsync), async () =>
        {
            await store.SaveConversationAsync(userId, sessionId, state, expiresAt, cancellationToken);
            return true;
        });

    public Task DeleteConversationAsync(string userId, string sessionId, CancellationToken cancellationToken) => store.DeleteConversationAsync(userId, sessionId, cancellationToken);

    public Task<(JournalEntry Entry, bool Created)> BeginAsync(JournalEntry entry, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.BeginAsync), () => journal.BeginAsync(entry, cancellationToken));

    public Task<JournalEntry> AdvanceAsync(string userId, string idempotencyKey, JournalState to, string? transferId, string? declineReason, DateTimeOffset at, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.AdvanceAsync), () => journal.AdvanceAsync(userId, idempotencyKey, to, transferId, declineReason, at, cancellationToken));

    public Task<JournalEntry?> FindAsync(string userId, string idempotencyKey, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.FindAsync), () => journal.FindAsync(userId, idempotencyKey, cancellationToken));

    public Task<IReadOnlyList<JournalEntry>> UnresolvedAsync(string userId, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.UnresolvedAsync), () => journal.UnresolvedAsync(userId, cancellationToken));

    public Task<IReadOnlyList<JournalEntry>> SentSinceAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Maybe(nameof(FaultyStore.SentSinceAsync), () => journal.SentSinceAsync(userId, since, cancellationToken));

    private async Task<T> Maybe<T>(string method, Func<Task<T>> call)
    {
        faults.ThrowIfArmed(method);
        await faults.Kills.At(KillPoint.BeforeStoreWrite, method);
        var result = await call();
        await faults.Kills.At(KillPoint.AfterStoreWrite, method);
        return result;
    }
}
