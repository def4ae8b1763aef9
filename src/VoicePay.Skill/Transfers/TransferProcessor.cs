using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Sends a confirmed, PIN-verified transfer at most once and settles transfers whose outcome was
/// unknown. Every transfer is journalled before the bank is called; only a definitive answer from
/// the bank settles one (<see cref="Classify"/>); a daily reservation is given back only for a
/// declined transfer. Settling reads the transfer by its key; it sends again (same key) only within
/// <see cref="TransferTiming.SendWithin"/> of the confirmation, and every request carries that deadline.
/// </summary>
public sealed partial class TransferProcessor(
    IPaymentsApi bank,
    ITransferJournal journal,
    IUserStateStore store,
    IOptions<TransferLimits> limits,
    IOptions<TransferTiming> timing,
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
            RecordOutcome(JournalState.Declined, DeclineReason.OverDailyLimit, firstCall: true);
            return turn.Outcome = new TransferOutcome(TransferResult.Declined, entry, DeclineReason.OverDailyLimit, remaining);
        }

        (JournalEntry stored, bool created) begun;
        using (VoicePayTelemetry.Source.StartActivity("journal.begin"))
        {
            begun = await journal.BeginAsync(entry, cancellationToken);
        }

        var (stored, created) = begun;
        if (!created)
        {
            // Another request with the same key began at the same moment (or a launch abandoned it):
            // a declined entry never reaches the bank, so the day's reservation goes back.
            if (stored.State == JournalState.Declined)
            {
                await store.ReleaseDailyAmountAsync(userId, day, pending.IdempotencyKey, CancellationToken.None);
            }

            return await ReportAsync(accessToken, stored, turn, cancellationToken);
        }

        return await CallBankAsync(accessToken, stored, firstCall: true, turn, cancellationToken);
    }

    /// <summary>
    /// A confirmed payment whose session ended before the PIN: journalled as declined (abandoned) in
    /// one atomic write, without calling the bank, so a PIN said later in that session can never send
    /// it. False when the key is already journalled (it was sent or is being sent: its outcome is
    /// reported as usual).
    /// </summary>
    public async Task<bool> AbandonAsync(string userId, PendingTransfer pending, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = new JournalEntry(
            userId, pending.IdempotencyKey, pending.PayeeId, pending.PayeeName, pending.FromAccountId, pending.FromAccountName,
            pending.FromAccountLastFour, pending.Amount, pending.Currency, DateOnly.FromDateTime(now.UtcDateTime), JournalState.Declined, now, now,
            DeclineReason: nameof(DeclineReason.Abandoned));
        var (_, created) = await journal.BeginAsync(entry, cancellationToken);
        return created;
    }

    /// <summary>Asks the bank what became of a transfer not yet settled (<see cref="SettleAsync"/>). Settled ones are reported as they are.</summary>
    public Task<TransferOutcome> ReportAsync(string accessToken, JournalEntry entry, TurnRecord turn, CancellationToken cancellationToken) =>
        entry.State switch
        {
            JournalState.Sent => Task.FromResult(turn.Outcome = new TransferOutcome(TransferResult.Sent, entry)),
            JournalState.Declined => Task.FromResult(turn.Outcome = new TransferOutcome(TransferResult.Declined, entry, ParseReason(entry.DeclineReason))),
            _ => SettleAsync(accessToken, entry, turn, cancellationToken),
        };

    /// <summary>
    /// Settling asks, it doesn't create: the bank is read by the transfer's key. Found, it is sent (or declined, if the
    /// bank failed it). Not found, it is sent again with the same key only before its deadline and only when no caller
    /// is left to finish it; once the deadline and <see cref="JournalEntry.InFlightLimit"/> have passed, the bank refuses
    /// that key for ever (notAfter), so "not found" is final: declined, <see cref="DeclineReason.Expired"/>. Anything
    /// else (unreachable, 5xx, 401) proves nothing and the transfer stays unsettled.
    /// </summary>
    private async Task<TransferOutcome> SettleAsync(string accessToken, JournalEntry entry, TurnRecord turn, CancellationToken cancellationToken)
    {
        var activity = VoicePayTelemetry.Source.StartActivity("transfer");
        try
        {
            activity?.SetTag("voicepay.transfer.attempt", "read");
            turn.CalledBankFor = entry;
            turn.Outcome = new TransferOutcome(TransferResult.Unknown, entry);
            var found = await bank.FindTransferAsync(accessToken, entry.IdempotencyKey, cancellationToken);
            var now = time.GetUtcNow();
            if (found.IsSuccess)
            {
                var receipt = found.Value!;
                return receipt.Status == TransferStatus.Failed
                    ? await RecordAsync(accessToken, entry, JournalState.Declined, DeclineReason.Conflict, null, firstCall: false, turn, activity, cancellationToken)
                    : await RecordAsync(accessToken, entry, JournalState.Sent, null, receipt.Id, firstCall: false, turn, activity, cancellationToken);
            }

            var deadline = timing.Value.DeadlineFor(entry.CreatedAt);
            if (found.Error == BankError.TransferNotFound)
            {
                if (now < deadline && entry.IsInDoubt(now))
                {
                    // The only retry: still within the bound, and no caller is left to finish the first call.
                    activity?.Dispose();
                    activity = null;
                    return await CallBankAsync(accessToken, entry, firstCall: false, turn, cancellationToken);
                }

                if (now >= deadline + JournalEntry.InFlightLimit)
                {
                    return await RecordAsync(accessToken, entry, JournalState.Declined, DeclineReason.Expired, null, firstCall: false, turn, activity, cancellationToken);
                }
            }

            // Nothing certain. A pending entry whose caller may still be at work stays pending; one without a caller is unknown.
            return entry.IsInDoubt(now)
                ? await RecordAsync(accessToken, entry, JournalState.Unknown, null, null, firstCall: false, turn, activity, cancellationToken)
                : turn.Outcome;
        }
        finally
        {
            activity?.Dispose();
        }
    }

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
            BankError.TransferExpired => DeclineReason.Expired,
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
        using var activity = VoicePayTelemetry.Source.StartActivity("transfer");
        activity?.SetTag("voicepay.transfer.attempt", firstCall ? "first" : "settle");
        turn.CalledBankFor = entry;
        turn.Outcome = new TransferOutcome(TransferResult.Unknown, entry);

        // Every request with this key carries the same deadline, so a retry is the same request and a late one creates nothing.
        // A move between the person's own accounts goes by the same operation, to an account instead of a payee.
        var deadline = timing.Value.DeadlineFor(entry.CreatedAt);
        var request = TransferTarget.OwnAccountId(entry.PayeeId) is { } toAccount
            ? new TransferRequest(entry.FromAccountId, null, entry.Money, Memo, entry.IdempotencyKey, deadline, toAccount)
            : new TransferRequest(entry.FromAccountId, entry.PayeeId, entry.Money, Memo, entry.IdempotencyKey, deadline);
        var result = await bank.SendTransferAsync(accessToken, request, cancellationToken);
        var (state, reason) = Classify(result, firstCall);
        return await RecordAsync(accessToken, entry, state, reason, result.Value?.Id, firstCall, turn, activity, cancellationToken);
    }

    /// <summary>Journals what the bank's answer proved, gives the reservation back for a declined transfer, and returns the outcome the journal holds.</summary>
    private async Task<TransferOutcome> RecordAsync(
        string accessToken, JournalEntry entry, JournalState state, DeclineReason? reason, string? transferId, bool firstCall, TurnRecord turn, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var outcome = state switch
        {
            JournalState.Sent => new TransferOutcome(TransferResult.Sent, entry with { State = state, TransferId = transferId }),
            JournalState.Declined => new TransferOutcome(TransferResult.Declined, entry with { State = state, DeclineReason = reason.ToString() }, reason),
            _ => new TransferOutcome(TransferResult.Unknown, entry with { State = JournalState.Unknown }),
        };

        // From here on the person must hear this outcome, whatever fails while it is recorded.
        turn.Outcome = outcome;
        LogOutcome(logger, entry.IdempotencyKey, state, reason?.ToString());
        JournalEntry journalled;
        using (VoicePayTelemetry.Source.StartActivity("journal.advance"))
        {
            journalled = await journal.AdvanceAsync(entry.UserId, entry.IdempotencyKey, state, transferId, reason?.ToString(), time.GetUtcNow(), CancellationToken.None);
        }

        RecordSettled(entry, journalled, state, reason, firstCall, activity);
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

    /// <summary>
    /// Counts the outcome this call learned (the journal's, when another request settled it first) and the
    /// unknown backlog's moves. Two requests settling the same unknown transfer at once may both count it leaving.
    /// </summary>
    private static void RecordSettled(JournalEntry before, JournalEntry journalled, JournalState state, DeclineReason? reason, bool firstCall, System.Diagnostics.Activity? activity)
    {
        var final = journalled.State != state && journalled.IsSettled ? journalled.State : state;
        var finalReason = final == state ? reason : ParseReason(journalled.DeclineReason);
        RecordOutcome(final, finalReason, firstCall);
        activity?.SetTag("voicepay.transfer.outcome", OutcomeTag(final));
        if (before.State != JournalState.Unknown && journalled.State == JournalState.Unknown)
        {
            VoicePayTelemetry.UnknownTransfers.Add(1);
        }
        else if (before.State == JournalState.Unknown && journalled.IsSettled)
        {
            VoicePayTelemetry.UnknownTransfers.Add(-1);
        }
    }

    private static void RecordOutcome(JournalState state, DeclineReason? reason, bool firstCall)
    {
        if (!VoicePayTelemetry.Transfers.Enabled)
        {
            return;
        }

        var tags = new System.Diagnostics.TagList
        {
            { "outcome", OutcomeTag(state) },
            { "attempt", firstCall ? "first" : "settle" },
        };
        if (state == JournalState.Declined && reason is { } declined)
        {
            tags.Add("reason", VoicePayTelemetry.TagValue(declined));
        }

        VoicePayTelemetry.Transfers.Add(1, tags);
    }

    private static string OutcomeTag(JournalState state) => state switch
    {
        JournalState.Sent => "sent",
        JournalState.Declined => "declined",
        _ => "unknown",
    };

    private static DeclineReason? ParseReason(string? reason) =>
        Enum.TryParse<DeclineReason>(reason, out var parsed) ? parsed : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {IdempotencyKey} is {State} ({Reason})")]
    private static partial void LogOutcome(ILogger logger, string idempotencyKey, JournalState state, string? reason);
}
