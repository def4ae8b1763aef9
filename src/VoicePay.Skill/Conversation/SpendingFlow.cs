using VoicePay.Skill.Domain;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// The spending questions ("how much did I spend at Starbucks last month?", "when did I last pay Mary?"): reads
/// what was asked from the intent, refuses what cannot be answered before anything is fetched, and hands the
/// question to the accounts' PIN gate. Everything answered is account-derived, so it always waits for the PIN
/// (unless verified in this session), whatever <c>RequiredForBalance</c> says. <see cref="SpendingReply"/> answers.
/// </summary>
public sealed class SpendingFlow(AccountsFlow accounts, TimeProvider time)
{
    public async Task<Phase> AskAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var input = turn.Input;
        if (input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        var intent = input.IntentRequest!.Intent;
        var kind = intent.Name switch
        {
            IntentNames.MoneyIn => SpendingKind.Received,
            IntentNames.LastPayment => SpendingKind.LastPayment,
            _ => SpendingKind.Spent,
        };

        // The resolved value names the merchant as the bank writes it ("City Power & Light"); otherwise the words heard,
        // or the person named ("when did I last pay Mary?"), which is searched the same way.
        var merchantSlot = intent.Slots.GetValueOrDefault(SlotNames.Merchant);
        var merchant = merchantSlot?.FirstMatch?.Name is { Length: > 0 } resolved ? resolved
            : intent.SlotValue(SlotNames.Merchant)?.Trim() is { Length: > 0 } heard ? heard
            : intent.SlotValue(SlotNames.Person)?.Trim();

        DatePeriod? period = null;
        if (intent.SlotValue(SlotNames.Date) is { } date)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            period = AmazonDate.Parse(date, today);
            if (period is null)
            {
                turn.Reply.Ask(input.Speech.Say(SpeechKeys.SpendingDateNotUnderstood), SpeechKeys.FallbackReprompt);
                return Phase.Idle;
            }

            if (period.From > today)
            {
                turn.Reply.Ask(input.Speech.Say(SpeechKeys.SpendingFuture), SpeechKeys.FallbackReprompt);
                return Phase.Idle;
            }
        }

        var question = new SpendingQuestion(kind, merchant, period?.From, period?.To, period?.Span);
        return await accounts.GateAsync(turn, new AccountQuestion(AccountQuestionKind.Spending, Spending: question), cancellationToken);
    }
}
