using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Sends a confirmed, PIN-verified transfer exactly once: the daily total is reserved atomically
/// under the transfer's idempotency key, the bank is called with that same key, and the
/// reservation is given back only when the bank says for certain that nothing moved.
/// </summary>
public sealed partial class TransferSender(
    IPaymentsApi bank,
    IUserStateStore store,
    ConversationStore conversations,
    IOptions<TransferLimits> limits,
    TimeProvider time,
    ILogger<TransferSender> logger)
{
    public async Task<TransferOutcome> SendAsync(string userId, string accessToken, PendingTransfer pending, CancellationToken cancellationToken)
    {
        var amount = pending.Money;
        var day = pending.ReservedOn ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dailyLimit = limits.Value.DailyIn(amount.Currency);
        if (!await store.TryReserveDailyAmountAsync(userId, day, pending.IdempotencyKey, amount, dailyLimit, cancellationToken))
        {
            var used = await store.GetDailyTotalAsync(userId, day, amount.Currency, cancellationToken);
            var remaining = used >= dailyLimit ? new Domain.Money(0m, amount.Currency) : dailyLimit - used;
            return new TransferOutcome(TransferOutcomeKind.OverDailyLimit, DailyRemaining: remaining);
        }

        var request = new TransferRequest(pending.FromAccountId, pending.PayeeId, amount, Memo: "Voice Pay", pending.IdempotencyKey);
        var result = await bank.SendTransferAsync(accessToken, request, cancellationToken);
        return await SettleAsync(userId, pending with { ReservedOn = day }, result, cancellationToken);
    }

    /// <summary>Asks the bank again, with the same key, about a transfer whose outcome was unknown.</summary>
    public async Task<TransferOutcome> ResolveAsync(string userId, string accessToken, PendingTransfer pending, CancellationToken cancellationToken)
    {
        var request = new TransferRequest(pending.FromAccountId, pending.PayeeId, pending.Money, Memo: "Voice Pay", pending.IdempotencyKey);
        var result = await bank.SendTransferAsync(accessToken, request, cancellationToken);
        return await SettleAsync(userId, pending, result, cancellationToken);
    }

    private async Task<TransferOutcome> SettleAsync(string userId, PendingTransfer pending, BankResult<TransferReceipt> result, CancellationToken cancellationToken)
    {
        var day = pending.ReservedOn ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (result.IsSuccess)
        {
            await conversations.ClearUnresolvedAsync(userId, CancellationToken.None);
            LogSent(logger, pending.IdempotencyKey);
            return new TransferOutcome(TransferOutcomeKind.Sent, result.Value);
        }

        var error = result.Error!.Value;
        if (error == BankError.OutcomeUnknown)
        {
            // Keep the reservation and the key: the money may have moved.
            await conversations.SaveUnresolvedAsync(userId, pending, CancellationToken.None);
            LogUnknown(logger, pending.IdempotencyKey);
            return new TransferOutcome(TransferOutcomeKind.Unknown, Error: error);
        }

        // The bank said for certain that nothing moved.
        await store.ReleaseDailyAmountAsync(userId, day, pending.IdempotencyKey, CancellationToken.None);
        await conversations.ClearUnresolvedAsync(userId, CancellationToken.None);
        LogNotSent(logger, pending.IdempotencyKey, error);
        return error switch
        {
            BankError.Unauthorized => new TransferOutcome(TransferOutcomeKind.Unauthorized, Error: error),
            BankError.Unavailable => new TransferOutcome(TransferOutcomeKind.Unavailable, Error: error),
            _ => new TransferOutcome(TransferOutcomeKind.Declined, Error: error),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {IdempotencyKey} sent")]
    private static partial void LogSent(ILogger logger, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {IdempotencyKey} outcome unknown; kept for resolution with the same key")]
    private static partial void LogUnknown(ILogger logger, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {IdempotencyKey} not sent: {Error}")]
    private static partial void LogNotSent(ILogger logger, string idempotencyKey, BankError error);
}
