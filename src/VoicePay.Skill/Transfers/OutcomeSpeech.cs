using System.Globalization;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// The one place a transfer's outcome becomes words. "Nothing was sent" is said only for
/// <see cref="TransferResult.Declined"/>, which only the bank's definitive answer (or never calling
/// it) produces; an unknown outcome is always "I can't confirm".
/// </summary>
public static class OutcomeSpeech
{
    /// <summary>The answer to the turn that sent (or tried to send) the transfer. The turn is after the PIN: details may be spoken.</summary>
    public static Reply Now(Reply reply, TransferOutcome outcome, TransferLimits limits, TimeProvider time)
    {
        var speech = reply.Input.Speech;
        var entry = outcome.Entry;
        var amount = MoneyText.Format(entry.Money);
        var move = TransferTarget.IsOwnAccount(entry.PayeeId);
        switch (outcome.Result)
        {
            case TransferResult.Sent when move:
                // A move between the person's own accounts: the payee fields hold the destination account's name.
                var moved = ReferenceEnding(entry.TransferId);
                return reply
                    .Say(SpeechKeys.MoveDone, amount, entry.FromAccountName, entry.PayeeName, Ssml.Characters(moved))
                    .Card(
                        speech.Text(SpeechKeys.MoveReceiptTitle),
                        speech.Text(SpeechKeys.MoveReceipt, amount, entry.FromAccountName, entry.FromAccountLastFour, entry.PayeeName, moved, time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            case TransferResult.Unknown when move:
                return reply.Say(SpeechKeys.MoveOutcomeUnknown, amount, entry.PayeeName);
            case TransferResult.Sent:
                var reference = ReferenceEnding(entry.TransferId);
                return reply
                    .Say(SpeechKeys.SendDone, amount, entry.PayeeName, Ssml.Characters(reference))
                    .Card(
                        speech.Text(SpeechKeys.SendReceiptTitle),
                        speech.Text(SpeechKeys.SendReceipt, amount, entry.PayeeName, entry.FromAccountName, entry.FromAccountLastFour, reference, time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            case TransferResult.Unknown:
                return reply.Say(SpeechKeys.SendOutcomeUnknown, amount, entry.PayeeName);
        }

        return outcome.Reason switch
        {
            DeclineReason.OverDailyLimit => reply.Say(
                MoveWords.For(SpeechKeys.SendOverDailyLimit, move),
                MoneyText.Format(limits.DailyIn(entry.Currency)),
                MoneyText.Format(outcome.DailyRemaining ?? new Domain.Money(0m, entry.Currency))),
            DeclineReason.Unauthorized => reply.Say(MoveWords.For(SpeechKeys.SendUnauthorized, move)).LinkAccountCard().End(),
            DeclineReason.Expired => reply.Say(MoveWords.For(SpeechKeys.SendExpired, move), amount, entry.PayeeName),
            _ => reply.Say(MoveWords.For(DeclinedKey(outcome.Reason), move)),
        };
    }

    /// <summary>
    /// A refusal the person can fix by choosing another amount (funds, limits): after these, the
    /// conversation asks for one instead of ending.
    /// </summary>
    public static bool InvitesAnotherAmount(TransferOutcome outcome) =>
        outcome.Result == TransferResult.Declined
        && outcome.Reason is DeclineReason.InsufficientFunds or DeclineReason.OverDailyLimit or DeclineReason.BankLimit or DeclineReason.InvalidAmount;

    /// <summary>
    /// News at the next launch about a transfer whose outcome was unknown. Said before the PIN, to whoever is in the
    /// room: only whether it went through, never its amount, payee or reference.
    /// </summary>
    public static Ssml Later(HandlerInput input, TransferOutcome outcome) => input.Speech.Say(MoveWords.For(
        outcome.Result switch
        {
            TransferResult.Sent => SpeechKeys.UnresolvedWentThrough,
            TransferResult.Declined => SpeechKeys.UnresolvedDidNotGoThrough,
            _ => SpeechKeys.UnresolvedStillUnknown,
        },
        TransferTarget.IsOwnAccount(outcome.Entry.PayeeId)));

    /// <summary>
    /// A new payment identical to one not settled is refused, and why: the earlier one went through, or it is still
    /// being sent (pending: a call may be under way), or its outcome is still unknown. The person has just said the
    /// amount and payee; the reference is said only once the earlier one is known to have gone through.
    /// </summary>
    public static Ssml RefuseWhileUnknown(HandlerInput input, TransferOutcome outcome)
    {
        var move = TransferTarget.IsOwnAccount(outcome.Entry.PayeeId);
        return outcome.Result == TransferResult.Sent
            ? input.Speech.Say(MoveWords.For(SpeechKeys.SendEarlierWentThrough, move), MoneyText.Format(outcome.Entry.Money), outcome.Entry.PayeeName, Ssml.Characters(ReferenceEnding(outcome.Entry.TransferId)))
            : input.Speech.Say(MoveWords.For(outcome.Entry.State == JournalState.Pending ? SpeechKeys.SendStillBeingSent : SpeechKeys.SendStillUnknown, move), MoneyText.Format(outcome.Entry.Money), outcome.Entry.PayeeName);
    }

    /// <summary>
    /// After a failure anywhere in a turn: what is true. A turn that called the bank says what it
    /// learned, and if it learned nothing, that it can't confirm; only a turn that never called the
    /// bank may say that no money was moved.
    /// </summary>
    public static SkillResponse AfterFailure(HandlerInput input, TransferLimits limits, TimeProvider time)
    {
        var reply = new Reply(input);
        if (input.Turn.Outcome is { } outcome && input.Turn.CalledBankFor is not null)
        {
            if (outcome.Result == TransferResult.Unknown)
            {
                reply.Say(MoveWords.For(SpeechKeys.SendFailedAfterBank, TransferTarget.IsOwnAccount(outcome.Entry.PayeeId)), MoneyText.Format(outcome.Entry.Money), outcome.Entry.PayeeName);
            }
            else
            {
                Now(reply, outcome, limits, time);
            }
        }
        else
        {
            reply.Say(SpeechKeys.Error);
        }

        return reply.End().Build();
    }

    /// <summary>The last four characters of the bank's reference: all the person needs to quote it.</summary>
    public static string ReferenceEnding(string? transferId) =>
        transferId is null ? string.Empty : transferId.Length <= 4 ? transferId : transferId[^4..];

    private static string DeclinedKey(DeclineReason? reason) => reason switch
    {
        DeclineReason.InsufficientFunds => SpeechKeys.SendInsufficientFundsAtBank,
        DeclineReason.BankLimit => SpeechKeys.SendBankLimit,
        DeclineReason.PayeeGone => SpeechKeys.SendPayeeGone,
        DeclineReason.AccountGone => SpeechKeys.SendAccountGone,
        DeclineReason.InvalidAmount => SpeechKeys.SendInvalidAmount,
        DeclineReason.Unavailable => SpeechKeys.SendUnavailable,
        DeclineReason.Abandoned => SpeechKeys.SendAbandoned,
        _ => SpeechKeys.SendConflict,
    };
}
