using System.Globalization;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>Carries out the action that waited for a verified PIN, and says how it went.</summary>
public sealed class PendingActionRunner(
    ConversationStore conversations,
    BalanceReply balances,
    TransactionsReply transactions,
    TransferSender sender,
    IOptions<TransferLimits> limits,
    TimeProvider time)
{
    public async Task<SkillResponse> RunAsync(HandlerInput input, ConversationState state, PendingAction action, CancellationToken cancellationToken)
    {
        state.AwaitingPin = null;
        if (action.Kind == PendingActionKind.Transfer)
        {
            return await SendAsync(input, state, cancellationToken);
        }

        await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
        return await ReadAccountsAsync(input, action, cancellationToken);
    }

    /// <summary>Balances or transactions, with no state to keep.</summary>
    public Task<SkillResponse> ReadAccountsAsync(HandlerInput input, PendingAction action, CancellationToken cancellationToken) =>
        action.Kind == PendingActionKind.Transactions
            ? transactions.BuildAsync(input, action.Count ?? TransactionsReply.DefaultCount, cancellationToken)
            : balances.BuildAsync(input, action.Account, cancellationToken);

    private async Task<SkillResponse> SendAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (state.PendingTransfer is not { Confirmed: true } pending)
        {
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
            return Replies.Say(input, SpeechKeys.PinNothingPending);
        }

        // Forget the pending transfer before sending: a repeated PIN or "yes" then finds nothing
        // to send. The bank's idempotency key covers a retry of this very request.
        state.PendingTransfer = null;
        await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);

        var outcome = await sender.SendAsync(input.UserId, input.AccessToken!, pending, cancellationToken);
        return Describe(input, pending, outcome, time.GetUtcNow());
    }

    public SkillResponse Describe(HandlerInput input, PendingTransfer pending, TransferOutcome outcome, DateTimeOffset now)
    {
        var speech = input.Speech;
        var amount = MoneyText.Format(pending.Money);
        switch (outcome.Kind)
        {
            case TransferOutcomeKind.Sent:
                var reference = ReferenceEnding(outcome.Receipt!.Id);
                return ResponseBuilder.Create()
                    .Speak(speech.Say(SpeechKeys.SendDone, amount, pending.PayeeName, Ssml.Characters(reference)))
                    .WithSimpleCard(
                        speech.Text(SpeechKeys.SendReceiptTitle),
                        speech.Text(SpeechKeys.SendReceipt, amount, pending.PayeeName, pending.FromAccountName, pending.FromAccountLastFour, reference, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                    .EndSession()
                    .Build();
            case TransferOutcomeKind.OverDailyLimit:
                return Replies.Say(
                    input,
                    SpeechKeys.SendOverDailyLimit,
                    MoneyText.Format(limits.Value.DailyIn(pending.Currency)),
                    MoneyText.Format(outcome.DailyRemaining ?? new Money(0m, pending.Currency)));
            case TransferOutcomeKind.Unauthorized:
                return Replies.LinkAccount(input);
            case TransferOutcomeKind.Unavailable:
                return Replies.Say(input, SpeechKeys.SendUnavailable);
            case TransferOutcomeKind.Unknown:
                return Replies.Say(input, SpeechKeys.SendOutcomeUnknown);
            default:
                return Replies.Say(input, outcome.Error switch
                {
                    BankError.InsufficientFunds => SpeechKeys.SendInsufficientFundsAtBank,
                    BankError.LimitExceeded => SpeechKeys.SendBankLimit,
                    BankError.PayeeNotFound => SpeechKeys.SendPayeeGone,
                    BankError.AccountNotFound => SpeechKeys.SendAccountGone,
                    BankError.InvalidAmount => SpeechKeys.SendInvalidAmount,
                    _ => SpeechKeys.SendConflict,
                });
        }
    }

    /// <summary>The last four characters of the bank's reference: all the person needs to quote it.</summary>
    public static string ReferenceEnding(string transferId) =>
        transferId.Length <= 4 ? transferId : transferId[^4..];
}
