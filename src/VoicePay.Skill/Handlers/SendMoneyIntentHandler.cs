using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Payees;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// "Send twenty dollars to Alice": collects amount and payee (asking for what is missing),
/// checks limits and funds, reads the transfer back for confirmation, then hands it to the
/// voice PIN. Nothing moves in this handler: only a confirmed, PIN-verified transfer is sent.
/// </summary>
public sealed class SendMoneyIntentHandler(
    IPaymentsApi bank,
    ConversationStore conversations,
    PinGate pinGate,
    PayeeResolver payeeResolver,
    State.IUserStateStore store,
    IOptions<TransferLimits> limits,
    TimeProvider time) : IntentHandler(IntentNames.SendMoney)
{
    public override async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        if (input.AccessToken is not { } token)
        {
            return Replies.LinkAccount(input);
        }

        var intent = input.IntentRequest!.Intent;
        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);

        if (intent.ConfirmationStatus == ConfirmationStatuses.Denied)
        {
            state.PendingTransfer = null;
            state.AwaitingPin = null;
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
            return Replies.Say(input, SpeechKeys.SendCancelled);
        }

        // Confirmation acts on what we read back (kept server-side), never on the slots in this request.
        if (intent.ConfirmationStatus == ConfirmationStatuses.Confirmed)
        {
            // Nothing read back (expired, already sent, or forged): a "yes" alone never moves money.
            if (state.PendingTransfer is not { } pending)
            {
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.SendNothingToConfirm), SpeechKeys.FallbackReprompt);
            }

            state.PendingTransfer = pending with { Confirmed = true };
            return await pinGate.RequireAsync(input, state, new PendingAction(PendingActionKind.Transfer), cancellationToken);
        }

        if (await pinGate.RefusalAsync(input, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return await CollectAsync(input, token, intent, state, cancellationToken);
    }

    private async Task<SkillResponse> CollectAsync(HandlerInput input, string token, Intent intent, ConversationState state, CancellationToken cancellationToken)
    {
        var speech = input.Speech;
        var accounts = await bank.GetAccountsAsync(token, cancellationToken);
        if (!accounts.IsSuccess)
        {
            return accounts.Error == BankError.Unauthorized ? Replies.LinkAccount(input) : Replies.Say(input, SpeechKeys.BankUnavailable);
        }

        var kind = BalanceReply.KindFrom(intent);
        // Checking pays unless the person names another account; a named account must exist.
        var named = kind is not (null or BalanceReply.All);
        var eligible = BalanceReply.Select(accounts.Value!, named ? kind : BalanceReply.Checking);
        var from = eligible.Count > 0 ? eligible[0] : !named && accounts.Value!.Count > 0 ? accounts.Value[0] : null;
        if (from is null)
        {
            return Replies.Say(input, SpeechKeys.BalanceNone);
        }

        var currency = from.Available.Currency;
        var (amount, problem) = SpokenAmount.Parse(intent.SlotValue(SlotNames.Amount), intent.SlotValue(SlotNames.Cents), currency);
        if (amount is not { } money)
        {
            var key = problem switch
            {
                AmountProblem.Missing => SpeechKeys.SendAskAmount,
                AmountProblem.NotPositive => SpeechKeys.SendAmountNotPositive,
                _ => SpeechKeys.SendAmountNotUnderstood,
            };
            return ElicitAgain(input, intent, SlotNames.Amount, speech.Say(key), SpeechKeys.SendAskAmount);
        }

        var perTransfer = limits.Value.PerTransferIn(currency);
        if (money > perTransfer)
        {
            return ElicitAgain(input, intent, SlotNames.Amount, speech.Say(SpeechKeys.SendOverPerTransferLimit, MoneyText.Format(money), MoneyText.Format(perTransfer)), SpeechKeys.SendAskAmount);
        }

        var payees = await bank.GetPayeesAsync(token, cancellationToken);
        if (!payees.IsSuccess)
        {
            return payees.Error == BankError.Unauthorized ? Replies.LinkAccount(input) : Replies.Say(input, SpeechKeys.BankUnavailable);
        }

        if (payees.Value!.Count == 0)
        {
            return Replies.Say(input, SpeechKeys.SendNoPayees);
        }

        var payeeSlot = intent.Slots.GetValueOrDefault(SlotNames.Payee);
        var match = ResolvePayee(payeeSlot, payees.Value, state.PayeeCandidates);
        switch (match)
        {
            case PayeeMatch.Missing:
                return ElicitAgain(input, intent, SlotNames.Payee, speech.Say(SpeechKeys.SendAskPayee), SpeechKeys.SendAskPayee);
            case PayeeMatch.NotFound notFound:
                return ElicitAgain(input, intent, SlotNames.Payee, speech.Say(SpeechKeys.SendPayeeNotFound, notFound.Heard ?? string.Empty), SpeechKeys.SendAskPayee);
            case PayeeMatch.Ambiguous ambiguous:
                state.PayeeCandidates = [.. ambiguous.Candidates.Select(p => p.Id)];
                await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
                var names = string.Join(speech.Text(SpeechKeys.SendOr), ambiguous.Candidates.Select(p => p.DisplayName));
                return ElicitAgain(input, intent, SlotNames.Payee, speech.Say(SpeechKeys.SendPayeeAmbiguous, names), SpeechKeys.SendAskPayee);
        }

        var payee = ((PayeeMatch.Found)match).Payee;
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dailyLimit = limits.Value.DailyIn(currency);
        var sentToday = await store.GetDailyTotalAsync(input.UserId, day, currency, cancellationToken);
        if (sentToday + money > dailyLimit)
        {
            var left = sentToday >= dailyLimit ? new Money(0m, currency) : dailyLimit - sentToday;
            return Replies.Say(input, SpeechKeys.SendOverDailyLimit, MoneyText.Format(dailyLimit), MoneyText.Format(left));
        }

        var accountName = BalanceReply.TypeName(speech, from.Type);
        if (money > from.Available)
        {
            return Replies.Say(input, SpeechKeys.SendInsufficientFunds, accountName, MoneyText.Format(from.Available));
        }

        state.PayeeCandidates = null;
        state.AwaitingPin = null;
        state.PendingTransfer = new PendingTransfer(
            IdempotencyKeys.For(input.UserId, input.SessionId, input.Request.RequestId, payee.Id, from.Id, money),
            payee.Id,
            payee.DisplayName,
            from.Id,
            from.Nickname,
            from.LastFour,
            money.Amount,
            money.Currency);
        await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);

        var readBack = speech.Say(SpeechKeys.SendConfirm, MoneyText.Format(money), payee.DisplayName, accountName);
        return ResponseBuilder.Create()
            .Speak(readBack)
            .Reprompt(readBack)
            .ConfirmIntent(WithPayee(intent, payee))
            .Build();
    }

    private PayeeMatch ResolvePayee(Slot? slot, IReadOnlyList<Payee> payees, List<string>? candidateIds)
    {
        // After "Alice Smith or Alice Jones?", the answer is matched among those two first.
        if (candidateIds is { Count: > 0 })
        {
            var candidates = payees.Where(p => candidateIds.Contains(p.Id)).ToList();
            if (payeeResolver.Resolve(slot, candidates) is PayeeMatch.Found found)
            {
                return found;
            }
        }

        return payeeResolver.Resolve(slot, payees);
    }

    private static SkillResponse ElicitAgain(HandlerInput input, Intent intent, string slotName, Ssml speech, string repromptKey)
    {
        var updated = Clone(intent);
        if (updated.Slots.TryGetValue(slotName, out var slot))
        {
            slot.Value = null;
            slot.Resolutions = null;
            slot.SlotValue = null;
        }

        return ResponseBuilder.Create()
            .Speak(speech)
            .Reprompt(input.Speech.Say(repromptKey))
            .ElicitSlot(slotName, updated)
            .Build();
    }

    private static Intent WithPayee(Intent intent, Payee payee)
    {
        var updated = Clone(intent);
        updated.Slots[SlotNames.Payee] = new Slot { Name = SlotNames.Payee, Value = payee.DisplayName, ConfirmationStatus = ConfirmationStatuses.None };
        return updated;
    }

    // The updated intent goes back to Alexa: only names, values and confirmation, as the dialog API expects.
    private static Intent Clone(Intent intent) => new()
    {
        Name = intent.Name,
        ConfirmationStatus = intent.ConfirmationStatus ?? ConfirmationStatuses.None,
        Slots = intent.Slots.ToDictionary(
            s => s.Key,
            s => new Slot { Name = s.Value.Name, Value = s.Value.Value, ConfirmationStatus = s.Value.ConfirmationStatus ?? ConfirmationStatuses.None },
            StringComparer.Ordinal),
    };
}
