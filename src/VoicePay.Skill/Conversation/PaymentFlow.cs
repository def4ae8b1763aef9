using System.Globalization;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// The payment's steps: gather, choose, read back, confirm, send, cancel. Each returns the phase it
/// ends in (the table says which are allowed); the engine clears whatever that phase does not hold.
/// </summary>
public sealed class PaymentFlow(
    PaymentPreparer preparer,
    TransferProcessor processor,
    PinGate pin,
    IOptions<TransferLimits> limits,
    TimeProvider time)
{
    private static readonly PaymentDraft Empty = new(null, null, null, null, null);

    public async Task<Phase> CollectAsync(TurnContext turn, bool useSlots, bool usePayeeSlot, CancellationToken cancellationToken)
    {
        var (input, state, reply) = (turn.Input, turn.State, turn.Reply);
        if (input.AccessToken is null)
        {
            reply.LinkAccount();
            return Phase.Idle;
        }

        if (await pin.RefuseIfNotReadyAsync(turn, PinUse.Payment, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var intent = useSlots && input.IsIntent(IntentNames.SendMoney) ? input.IntentRequest!.Intent : null;
        var heardPayee = usePayeeSlot ? intent?.Slots.GetValueOrDefault(SlotNames.Payee) : null;
        var draft = Merge(state.Draft, intent, heardPayee?.Value);

        // A name heard earlier but not yet resolved (the amount was asked for first) is resolved now.
        if (string.IsNullOrWhiteSpace(heardPayee?.Value) && draft.PayeeId is null && draft.Payee is { } earlier)
        {
            heardPayee = new Slot { Name = SlotNames.Payee, Value = earlier };
        }

        switch (await preparer.PrepareAsync(input, draft, heardPayee, state.Candidates, pin.IsVerified(turn), cancellationToken))
        {
            case Preparation.PinFirst:
                // The account the person named is looked up after the PIN; the read-back follows it.
                state.Draft = draft;
                pin.Ask(turn, again: false);
                return Phase.PinForAccountLookup;
            case Preparation.ChooseAccount choose:
                state.Draft = draft with { Named = null, AccountId = null };
                state.AccountCandidates = choose.Choices;
                AskAccount(turn, choose.NotFound ? NotFoundWords(turn, draft) : Ssml.Empty);
                return Phase.ChoosingAccount;
            case Preparation.Ask ask:
                state.Draft = ask.Slot == SlotNames.Amount ? draft with { Amount = null, Cents = null } : draft with { Payee = null, PayeeId = null };
                Elicit(turn, ask.Slot, ask.Speech, ask.RepromptKey);
                return Phase.Collecting;
            case Preparation.Ambiguous ambiguous:
                state.Candidates = ambiguous.Candidates;
                state.Draft = draft with { Payee = null, PayeeId = null };
                var names = string.Join(input.Speech.Text(SpeechKeys.SendOr), ambiguous.Candidates.Select(c => c.Name));
                Elicit(turn, SlotNames.Payee, input.Speech.Say(SpeechKeys.SendPayeeAmbiguous, names), SpeechKeys.SendAskPayee);
                return Phase.Choosing;
            case Preparation.RecentlySent recent:
                // "You sent $41.85 to Mary Johnson a minute ago. Send another?": yes reads it back as usual.
                state.Transfer = recent.Transfer;
                state.Draft = draft with { Payee = recent.Transfer.PayeeName, PayeeId = recent.Transfer.PayeeId };
                var ago = PaymentPreparer.Ago(input.Speech, recent.Earlier, time.GetUtcNow());
                reply.Ask(input.Speech.Say(SpeechKeys.SendRecentlySent, MoneyText.Format(recent.Transfer.Money), recent.Transfer.PayeeName, ago), SpeechKeys.SendRecentlySentReprompt);
                return Phase.ConfirmRepeat;
            case Preparation.Ready ready:
                state.Transfer = ready.Transfer;
                state.Draft = draft with { Payee = ready.Transfer.PayeeName, PayeeId = ready.Transfer.PayeeId };
                return ReadBack(turn, SpeechKeys.SendConfirm);
            case Preparation.BankFailed failed:
                Replies.BankRefused(reply, failed.Error);
                return Phase.Idle;
            case Preparation.Refused refused:
                reply.Say(refused.Speech).End();
                return Phase.Idle;
            default:
                throw new InvalidOperationException("Unknown preparation.");
        }
    }

    public async Task<Phase> ChooseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.State;
        var candidates = state.Candidates ?? [];
        var heard = turn.Input.IntentRequest?.Intent.SlotValue(SlotNames.Payee);
        switch (CandidateAnswer.Parse(heard, candidates.Count))
        {
            case CandidateAnswer.Position { Index: var index } when index >= 0 && index < candidates.Count:
                state.Draft = (state.Draft ?? Empty) with { Payee = candidates[index].Name, PayeeId = candidates[index].Id };
                return await CollectAsync(turn, useSlots: true, usePayeeSlot: false, cancellationToken);
            case CandidateAnswer.Position or CandidateAnswer.Affirmative:
                // "The third one" of two, or a bare "yes": the list stands; offer it again.
                return ChooseAgain(turn);
            case CandidateAnswer.Negative:
                return AskPayee(turn);
            default:
                return await CollectAsync(turn, useSlots: true, usePayeeSlot: true, cancellationToken);
        }
    }

    /// <summary>
    /// An answer to "Which account should I pay from?": one of those offered (by position, name, kind or last four), or
    /// anything else the person names, looked up among all their accounts. A new amount or payee is a new request.
    /// </summary>
    public async Task<Phase> ChooseAccountAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.State;
        var offered = state.AccountCandidates ?? [];
        var intent = turn.Input.IntentRequest?.Intent;
        if (intent is null || Changes(intent, SlotNames.Amount, state.Draft?.Amount) || Changes(intent, SlotNames.Payee, state.Draft?.Payee))
        {
            return await CollectAsync(turn, useSlots: true, usePayeeSlot: true, cancellationToken);
        }

        var named = NamedAccount.From(intent);
        var kind = BalanceReply.KindFrom(intent);
        switch (named?.Name is { } words ? CandidateAnswer.Parse(words, offered.Count) : null)
        {
            case CandidateAnswer.Position { Index: var index } when index >= 0 && index < offered.Count:
                return await PayFromAsync(turn, offered[index].Id, cancellationToken);
            case CandidateAnswer.Position or CandidateAnswer.Affirmative:
                return ChooseAccountAgain(turn);
            case CandidateAnswer.Negative:
                Cancel(turn);
                return Phase.Idle;
        }

        if (named is null && kind is not (BalanceReply.Checking or BalanceReply.Savings))
        {
            return ChooseAccountAgain(turn);
        }

        // One of those offered fits: that one. Otherwise what was said is looked up among all the person's accounts.
        var fits = offered.Where(c => Fits(c, kind, named)).ToList();
        if (fits.Count == 1)
        {
            return await PayFromAsync(turn, fits[0].Id, cancellationToken);
        }

        state.Draft = (state.Draft ?? Empty) with { Account = kind, Named = named, AccountId = null };
        return await CollectAsync(turn, useSlots: false, usePayeeSlot: false, cancellationToken);
    }

    /// <summary>"Which account should I pay from?" again, with the accounts offered.</summary>
    public static Phase ChooseAccountAgain(TurnContext turn)
    {
        var speech = turn.Input.Speech;
        turn.Reply
            .Ask(speech.Say(SpeechKeys.SendChooseAccountAgain, AccountList(turn)), SpeechKeys.SendAskAccountReprompt)
            .Directive(new DialogElicitSlotDirective { SlotToElicit = SlotNames.AccountName, UpdatedIntent = DialogIntent(turn.State.Draft ?? Empty, payeeName: null, elicited: SlotNames.AccountName) });
        return Phase.ChoosingAccount;
    }

    public static Phase ChooseAgain(TurnContext turn)
    {
        var speech = turn.Input.Speech;
        var options = (turn.State.Candidates ?? []).Take(5).Select((c, i) => speech.Text(SpeechKeys.SendChoiceOption, speech.Text("Ordinal." + (i + 1).ToString(CultureInfo.InvariantCulture)), c.Name)).ToList();
        var list = options.Count <= 1 ? string.Concat(options) : string.Join(", ", options[..^1]) + speech.Text(SpeechKeys.SendOr) + options[^1];
        Elicit(turn, SlotNames.Payee, speech.Say(SpeechKeys.SendChooseAgain, list), SpeechKeys.SendAskPayee);
        return Phase.Choosing;
    }

    public static Phase AskPayee(TurnContext turn)
    {
        var state = turn.State;
        state.Draft = (state.Draft ?? Empty) with { Payee = null, PayeeId = null };
        Elicit(turn, SlotNames.Payee, turn.Input.Speech.Say(SpeechKeys.SendAskPayeeAgain), SpeechKeys.SendAskPayee);
        return Phase.Collecting;
    }

    public static Phase ReadBack(TurnContext turn, string key)
    {
        var transfer = turn.State.Transfer!;
        if (transfer.To is not null)
        {
            return MoveFlow.ReadBack(turn, MoveFlow.ReadBackKey(key));
        }

        var speech = turn.Input.Speech;

        // A named account was looked up after the PIN: say which it is. Otherwise the default account, by its kind.
        var account = transfer.AccountNamed
            ? speech.Say(SpeechKeys.SendFromNamed, transfer.FromAccountName, Ssml.Characters(transfer.FromAccountLastFour))
            : speech.Say(SpeechKeys.SendFromKind, BalanceReply.TypeName(speech, transfer.FromAccountType));
        turn.Reply
            .Say(speech.Say(key, MoneyText.Format(transfer.Money), transfer.PayeeName, account))
            .Reprompt(speech.Say(SpeechKeys.SendConfirm, MoneyText.Format(transfer.Money), transfer.PayeeName, account))
            .Directive(new DialogConfirmIntentDirective { UpdatedIntent = DialogIntent(turn.State.Draft ?? Empty, transfer.PayeeName, elicited: null) });
        return Phase.ReadBack;
    }

    /// <summary>Yes to the read-back: the payment becomes a confirmed action that waits for the PIN (or is sent, if the PIN was verified in this session).</summary>
    public async Task<Phase> ConfirmAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (input, state) = (turn.Input, turn.State);
        if (input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        state.Confirmed = new ConfirmedAction(ConfirmedActionKind.Payment, input.SessionId ?? string.Empty, time.GetUtcNow(), state.Transfer, turn.PersonId);
        if (pin.IsVerified(turn))
        {
            return await SendAsync(turn, cancellationToken);
        }

        if (await pin.RefuseIfNotReadyAsync(turn, PinUse.Payment, cancellationToken) is { } refused)
        {
            // Said: voice payments are locked (nothing was sent), or no PIN is set up (offered).
            return refused;
        }

        pin.Ask(turn, again: false);
        return Phase.PinForPayment;
    }

    /// <summary>Sends the confirmed payment (the PIN is verified) and says what became of it.</summary>
    public async Task<Phase> SendAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var transfer = turn.State.Confirmed?.Transfer ?? throw new InvalidOperationException("Nothing confirmed to send.");
        var outcome = await processor.SendAsync(turn.UserId, turn.Input.AccessToken!, transfer, turn.Input.Turn, cancellationToken);
        return Said(turn, outcome);
    }

    /// <summary>The waiting transfer is already journalled: say what became of it.</summary>
    public async Task<Phase> ReportAsync(TurnContext turn, JournalEntry entry, CancellationToken cancellationToken)
    {
        var outcome = await processor.ReportAsync(turn.Input.AccessToken ?? string.Empty, entry, turn.Input.Turn, cancellationToken);
        return Said(turn, outcome);
    }

    /// <summary>Drops the payment and says so. Only reached while nothing is journalled, so "nothing was sent" is true.</summary>
    public static void Cancel(TurnContext turn)
    {
        // A move between the person's own accounts (gathered, read back or confirmed) is cancelled in its own words.
        if (turn.State is { Move: not null } or { Transfer.To: not null })
        {
            turn.Reply.Say(SpeechKeys.MoveCancelled);
            return;
        }

        turn.Reply.Say(turn.State.Transfer is { } transfer
            ? turn.Input.Speech.Say(SpeechKeys.SendCancelled, transfer.PayeeName)
            : turn.Input.Speech.Say(SpeechKeys.SendCancelledNoPayee));
    }

    /// <summary>
    /// The outcome in words. A refusal the person can fix (funds, limits: checked only now, after the
    /// PIN) asks for another amount to the same payee instead of ending.
    /// </summary>
    private Phase Said(TurnContext turn, TransferOutcome outcome)
    {
        OutcomeSpeech.Now(turn.Reply, outcome, limits.Value, time);

        // A refused move ends there: "another amount" would continue a payment, and a move is asked for anew.
        if (!OutcomeSpeech.InvitesAnotherAmount(outcome) || turn.Reply.Ends || TransferTarget.IsOwnAccount(outcome.Entry.PayeeId))
        {
            return Phase.Idle;
        }

        var entry = outcome.Entry;
        var state = turn.State;
        state.Draft = (state.Draft ?? Empty) with { Amount = null, Cents = null, Payee = entry.PayeeName, PayeeId = entry.PayeeId };
        Elicit(turn, SlotNames.Amount, turn.Input.Speech.Say(SpeechKeys.SendAnotherAmount), SpeechKeys.SendAskAmount);
        return Phase.Collecting;
    }

    /// <summary>A slot said anew, not the value Alexa carries over from the dialog (the elicitation sends the draft back).</summary>
    private static bool Changes(Intent intent, string slot, string? drafted) =>
        intent.SlotValue(slot) is { Length: > 0 } value && !string.Equals(value.Trim(), drafted, StringComparison.OrdinalIgnoreCase);

    private async Task<Phase> PayFromAsync(TurnContext turn, string accountId, CancellationToken cancellationToken)
    {
        turn.State.Draft = (turn.State.Draft ?? Empty) with { AccountId = accountId, Named = null };
        return await CollectAsync(turn, useSlots: false, usePayeeSlot: false, cancellationToken);
    }

    private static bool Fits(AccountChoice choice, string? kind, NamedAccount? named)
    {
        if (named?.LastFour is { } digits)
        {
            return choice.LastFour == digits;
        }

        if (named?.Name is { } name)
        {
            var words = name.Split(' ');
            var names = (AccountWords.Name(choice.Name) ?? string.Empty).Split(' ');
            return words.All(w => names.Contains(w, StringComparer.Ordinal));
        }

        return choice.Type == (kind == BalanceReply.Savings ? AccountType.Savings : AccountType.Checking);
    }

    /// <summary>"I couldn't find an account called holiday fund." (the person's words) or "…ending in those four digits." (never the digits).</summary>
    private static Ssml NotFoundWords(TurnContext turn, PaymentDraft draft) =>
        draft.Named?.LastFour is not null ? turn.Input.Speech.Say(SpeechKeys.BalanceNoLastFourShort)
        : draft.Named?.Name is { } name ? turn.Input.Speech.Say(SpeechKeys.BalanceNoNameShort, name)
        : turn.Input.Speech.Say(SpeechKeys.BalanceNone);

    private static void AskAccount(TurnContext turn, Ssml before)
    {
        var speech = turn.Input.Speech;
        turn.Reply
            .Say(before)
            .Ask(speech.Say(SpeechKeys.SendAskAccount, AccountList(turn)), SpeechKeys.SendAskAccountReprompt)
            .Directive(new DialogElicitSlotDirective { SlotToElicit = SlotNames.AccountName, UpdatedIntent = DialogIntent(turn.State.Draft ?? Empty, payeeName: null, elicited: SlotNames.AccountName) });
    }

    /// <summary>"Rainy Day Savings, ending in 9034, or Vacation Savings, ending in 7710": the accounts offered, at most five.</summary>
    private static Ssml AccountList(TurnContext turn)
    {
        var speech = turn.Input.Speech;
        var options = (turn.State.AccountCandidates ?? []).Take(5).Select(c => speech.Say(SpeechKeys.SendFromNamed, c.Name, Ssml.Characters(c.LastFour))).ToList();
        if (options.Count == 0)
        {
            return Ssml.Empty;
        }

        // Joined inside one template each time: Ssml.Concat would put a space before every comma.
        var list = options[0];
        for (var i = 1; i < options.Count; i++)
        {
            list = Ssml.Format(CultureInfo.InvariantCulture, i == options.Count - 1 ? "{0}{1}{2}" : "{0}, {2}", list, speech.Text(SpeechKeys.SendOr), options[i]);
        }

        return list;
    }

    /// <summary>What was said before, corrected by what is said now: a new amount replaces amount and cents together.</summary>
    private static PaymentDraft Merge(PaymentDraft? draft, Intent? intent, string? heardPayee)
    {
        draft ??= Empty;
        if (intent is null)
        {
            return draft;
        }

        var amount = intent.SlotValue(SlotNames.Amount);
        var cents = intent.SlotValue(SlotNames.Cents);
        // An account said now (a kind, a name or last four) replaces the one said before, whichever way it was said. What
        // Alexa carries back from the skill's own dialog directive is the draft again, and keeps the account chosen.
        var kind = BalanceReply.KindFrom(intent);
        var named = NamedAccount.From(intent);
        var newAccount = (kind is not null || named is not null) && (kind != draft.Account || named != draft.Named);
        return new PaymentDraft(
            // Cents heard without dollars ("make it fifty cents") replace the amount.
            Amount: string.IsNullOrWhiteSpace(amount) ? (string.IsNullOrWhiteSpace(cents) ? draft.Amount : null) : amount,
            Cents: string.IsNullOrWhiteSpace(amount) ? (string.IsNullOrWhiteSpace(cents) ? draft.Cents : cents) : cents,
            Payee: string.IsNullOrWhiteSpace(heardPayee) ? draft.Payee : heardPayee,
            PayeeId: string.IsNullOrWhiteSpace(heardPayee) ? draft.PayeeId : null,
            Account: newAccount ? kind : draft.Account,
            Named: newAccount ? named : draft.Named,
            AccountId: newAccount ? null : draft.AccountId);
    }

    private static void Elicit(TurnContext turn, string slot, Ssml speech, string repromptKey) =>
        turn.Reply
            .Ask(speech, repromptKey)
            .Directive(new DialogElicitSlotDirective { SlotToElicit = slot, UpdatedIntent = DialogIntent(turn.State.Draft ?? Empty, payeeName: null, elicited: slot) });

    /// <summary>The intent sent back with a dialog directive: what is known so far, the elicited slot empty.</summary>
    private static Intent DialogIntent(PaymentDraft draft, string? payeeName, string? elicited)
    {
        Slot Slot(string name, string? value) => new()
        {
            Name = name,
            Value = name == elicited ? null : value,
            ConfirmationStatus = ConfirmationStatuses.None,
        };

        return new Intent
        {
            Name = IntentNames.SendMoney,
            ConfirmationStatus = ConfirmationStatuses.None,
            Slots = new Dictionary<string, Slot>(StringComparer.Ordinal)
            {
                [SlotNames.Amount] = Slot(SlotNames.Amount, draft.Amount),
                [SlotNames.Cents] = Slot(SlotNames.Cents, draft.Amount is null ? null : draft.Cents),
                [SlotNames.Payee] = Slot(SlotNames.Payee, payeeName ?? draft.Payee),
                [SlotNames.Account] = Slot(SlotNames.Account, draft.Account?.ToLowerInvariant()),
                [SlotNames.AccountName] = Slot(SlotNames.AccountName, draft.Named?.Name),
                [SlotNames.LastFour] = Slot(SlotNames.LastFour, draft.Named?.LastFour),
            },
        };
    }
}
