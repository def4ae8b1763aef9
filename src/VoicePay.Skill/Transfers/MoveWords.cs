using System.Collections.Frozen;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// A payment's outcome words in a move's own (issue 19 polish): a move between the person's own accounts goes through the
/// payment's journal, settling and refusals, but "your earlier payment of $100.00 to Everyday Checking", "nothing was sent"
/// and "that payee" are not true of it. Each payment key that a move can meet has its move key here; the rest
/// ("I couldn't reach your bank, so no money was moved") fit both.
/// </summary>
public static class MoveWords
{
    private static readonly FrozenDictionary<string, string> ForMove = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SpeechKeys.SendEarlierWentThrough] = SpeechKeys.MoveEarlierWentThrough,
        [SpeechKeys.SendStillBeingSent] = SpeechKeys.MoveStillBeingSent,
        [SpeechKeys.SendStillUnknown] = SpeechKeys.MoveStillUnknown,
        [SpeechKeys.SendFailedAfterBank] = SpeechKeys.MoveFailedAfterBank,
        [SpeechKeys.SendOverDailyLimit] = SpeechKeys.MoveOverDailyLimit,
        [SpeechKeys.SendExpired] = SpeechKeys.MoveExpired,
        [SpeechKeys.SendUnauthorized] = SpeechKeys.MoveUnauthorized,
        [SpeechKeys.SendInsufficientFundsAtBank] = SpeechKeys.MoveInsufficientFundsAtBank,
        [SpeechKeys.SendBankLimit] = SpeechKeys.MoveBankLimit,
        [SpeechKeys.SendPayeeGone] = SpeechKeys.MoveToAccountGone,
        [SpeechKeys.SendAccountGone] = SpeechKeys.MoveAccountGone,
        [SpeechKeys.SendInvalidAmount] = SpeechKeys.MoveInvalidAmount,
        [SpeechKeys.SendConflict] = SpeechKeys.MoveConflict,
        [SpeechKeys.SendAbandoned] = SpeechKeys.MoveAbandoned,
        [SpeechKeys.UnresolvedWentThrough] = SpeechKeys.MoveUnresolvedWentThrough,
        [SpeechKeys.UnresolvedDidNotGoThrough] = SpeechKeys.MoveUnresolvedDidNotGoThrough,
        [SpeechKeys.UnresolvedStillUnknown] = SpeechKeys.MoveUnresolvedStillUnknown,
        [SpeechKeys.UnresolvedDetailsSent] = SpeechKeys.MoveUnresolvedDetailsSent,
        [SpeechKeys.UnresolvedDetailsNotSent] = SpeechKeys.MoveUnresolvedDetailsNotSent,
        [SpeechKeys.CarriedPaymentNotSent] = SpeechKeys.MoveCarriedNotMade,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The keys that have a move's wording (a test holds both locales to them).</summary>
    public static IReadOnlyCollection<string> PaymentKeys => ForMove.Keys;

    /// <summary><paramref name="paymentKey"/>, or its move's wording when <paramref name="move"/>.</summary>
    public static string For(string paymentKey, bool move) => move && ForMove.TryGetValue(paymentKey, out var key) ? key : paymentKey;
}
