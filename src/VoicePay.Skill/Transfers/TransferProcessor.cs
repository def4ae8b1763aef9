using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Sends a confirmed, PIN-verified transfer at most once and settles transfers whose outcome was
/// unknown. Every transfer is journalled before the bank is called; only a definitive answer from
/// the bank settles one (<see cref="Classify"/>); a daily reservation is given back only for a
/// declined transfer.
/// </summary>
public sealed partial class TransferProcessor(
    IPaymentsApi bank,
    ITransferJournal journal,
    IUserStateStore store,
    IOptions<TransferLimits> limits,
    TimeProvider time,
    ILogger<TransferProcessor> logger)
{
    private const string Memo = "Voice Pay";

    public async Task<TransferOutcome> SendAsync(string userId, string accessToken, PendingTransfer pending, TurnRecord turn, CancellationToken cancellationToken)
    {
        // Already journalled: this is a repeat (a retried request, a second PIN, a save that failed
        // after sending). The bank's idempotency key makes asking again harmless.
        if (await journal.FindAsync(userId, pending.IdempotencyKey, cancellationToken) is { } known)
        {
            return await ReportAsync(accessToken, known, turn, cancellationToken);
        }

        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var entry = new JournalEntry(
            userId, pending.IdempotencyKey, pending.PayeeId, pending.PayeeName, pending.FromAccountId, pending.FromAccountName,
            pending.FromAccountLastFour, pending.Amount, pending.Currency, day, JournalState.Pending, now, now);
        var dailyLimit = limits.Value.DailyIn(pending.Currency);
        if (!await store.TryReserveDailyAmountAsync(userId, day, pending.IdempotencyKey, pending.Money, dailyLimit, cancellationToken))
        {
            var used = await store.GetDailyTotalAsync(userId, day, pending.Currency, cancellationToken);
            var remaining = used >= dailyLimit ? new Domain.Money(0m, pending.Currency) : dailyLimit - used;
            return turn.Outcome = new TransferOutcome(TransferResult.Declined, entry, DeclineReason.OverDailyLimit, remaining);
        }

        var (stored, created) = await journal.BeginAsync(entry, cancellationToken);
        if (!created)
        {
            // Another request with the same key began at the same moment.
            return await ReportAsync(accessToken, stored, turn, cancellationToken);
        }

        return await CallBankAsync(accessToken, stored, firstCall: true, turn, cancellationToken);
    }

    /// <summary>Asks the bank again, with the same key, about a transfer not yet settled. Settled ones are reported as they are.</summary>
    public Task<TransferOutcome> ReportAsync(string accessToken, JournalEntry entry, TurnRecord turn, CancellationToken cancellationToken) =>
        entry.State switch
        {
            JournalState.Sent => Task.FromResult(turn.Outcome = new TransferOutcome(TransferResult.Sent, entry)),
            JournalState.Declined => Task.FromResult(turn.Outcome = new TransferOutcome(TransferResult.Declined, entry, ParseReason(entry.DeclineReason))),
            _ => CallBankAsync(accessToken, entry, firstCall: false, turn, cancellationToken),
        };

    /// <summary>
    /// What a bank answer proves. On the first call with a key, any refusal (including unreachable
    /// before sending and 401) proves nothing was created. On a later call it only proves what the
    /// bank itself decided for that key: unreachable, 401, 5xx, an open circuit say nothing about
    /// the earlier call, so the transfer stays unknown.
    /// </summary>
    public static (JournalState State, DeclineReason? Reason) Classify(BankResult<TransferReceipt> result, bool firstCall)
    {
        if (result.IsSuccess)
        {
            return result.Value!.Status == TransferStatus.Failed
                ? (JournalState.Declined, DeclineReason.Conflict)
                : (JournalState.Sent, null);
        }

        DeclineReason? decided = result.Error switch
        {
            BankError.InsufficientFunds => DeclineReason.InsufficientFunds,
            BankError.LimitExceeded => DeclineReason.BankLimit,
            BankError.PayeeNotFound => DeclineReason.PayeeGone,
            BankError.AccountNotFound => DeclineReason.AccountGone,
            BankError.InvalidAmount => DeclineReason.InvalidAmount,
            _ => null,
        };
        if (decided is not null)
        {
            return (JournalState.Declined, decided);
        }

        if (firstCall)
        {
            DeclineReason? notSent = result.Error switch
            {
                BankError.Unauthorized => DeclineReason.Unauthorized,
                BankError.Unavailable => DeclineReason.Unavailable,
                BankError.IdempotencyConflict => DeclineReason.Conflict,
                _ => null,
            };
            if (notSent is not null)
            {
                return (JournalState.Declined, notSent);
            }
        }

        return (JournalState.Unknown, null);
    }

    private async Task<TransferOutcome> CallBankAsync(string accessToken, JournalEntry entry, bool firstCall, TurnRecord turn, CancellationToken cancellationToken)
    {
        turn.CalledBankFor = entry;
        turn.Outcome = new TransferOutcome(TransferResult.Unknown, entry);
        var request = new TransferRequest(entry.FromAccountId, entry.PayeeId, entry.Money, Memo, entry.IdempotencyKey);
        var result = await bank.SendTransferAsync(accessToken, request, cancellationToken);
        var (state, reason) = Classify(result, firstCall);
        var outcome = state switch
        {
            JournalState.Sent => new TransferOutcome(TransferResult.Sent, entry with { State = state, TransferId = result.Value!.Id }),
            JournalState.Declined => new TransferOutcome(TransferResult.Declined, entry with { State = state, DeclineReason = reason.ToString() }, reason),
            _ => new TransferOutcome(TransferResult.Unknown, entry with { State = JournalState.Unknown }),
        };

        // From here on the person must hear this outcome, whatever fails while it is recorded.
        turn.Outcome = outcome;
        LogOutcome(logger, entry.IdempotencyKey, state, reason?.ToString());
        var journalled = await journal.AdvanceAsync(entry.UserId, entry.IdempotencyKey, state, result.Value?.Id, reason?.ToString(), time.GetUtcNow(), CancellationToken.None);
        if (journalled.State == JournalState.Declined)
        {
            await store.ReleaseDailyAmountAsync(entry.UserId, entry.ReservedOn, entry.IdempotencyKey, CancellationToken.None);
        }

        // Another request may have settled it first: the journal's word is final.
        if (journalled.State != state && journalled.IsSettled)
        {
            return await ReportAsync(accessToken, journalled, turn, cancellationToken);
        }

        return outcome;
    }

    private static DeclineReason? ParseReason(string? reason) =>
        Enum.TryParse<DeclineReason>(reason, out var parsed) ? parsed : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {IdempotencyKey} is {State} ({Reason})")]
    private static partial void LogOutcome(ILogger logger, string idempotencyKey, JournalState state, string? reason);
}
