using System.Globalization;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// A move between the person's own accounts (issue 19, item 3): "move a hundred dollars from savings to checking". It is
/// gathered here and then becomes a <see cref="PendingTransfer"/> like any payment (<see cref="PendingTransfer.To"/> set),
/// so the read-back, the yes, the PIN, the journal, the idempotency key, sending and the outcome are the payment's own
/// (<see cref="PaymentFlow"/>, <see cref="TransferProcessor"/>). Which accounts the person has, what they are called and
/// whether one matches are account-derived: before the PIN only the amount and the per-transfer limit are spoken of.
/// </summary>
public sealed class MoveFlow(
    IPaymentsApi bank,
    ITransferJournal journal,
    TransferProcessor processor,
    PinGate pin,
    IOptions<TransferLimits> limits)
{
    public async Task<Phase> CollectAsync(TurnContext turn, bool useSlots, CancellationToken cancellationToken)
    {
        var (input, state, reply) = (turn.Input, turn.State, turn.Reply);
        if (input.AccessToken is not { } token)
        {
            reply.LinkAccount();
            return Phase.Idle;
        }

        if (await pin.RefuseIfNotReadyAsync(turn, PinUse.Move, cancellationToken) is { } notReady)
        {
            // Said: moves are locked with the PIN (nothing moved), or no PIN is set up (offered).
            return notReady;
        }

        // A SendMoneyIntent reaches here only as the answer to "which account…?" (ConversationInputs): an account alone; or
        // as a change at the move's read-back, with no payee ("make it thirty dollars", ChangeAsync).
        var intent = useSlots && (input.IsIntent(IntentNames.MoveMoney) || input.IsIntent(IntentNames.SendMoney)) ? input.IntentRequest!.Intent : null;
        var draft = Chosen(MoveDraft.Merge(state.Move, intent), state.AccountCandidates);
        var accounts = await bank.GetAccountsAsync(token, cancellationToken);
        if (!accounts.IsSuccess)
        {
            if (accounts.Error == BankError.Unauthorized)
            {
                reply.LinkAccount();
            }
            else
            {
                reply.Say(SpeechKeys.BankUnavailable).End();
            }

            return Phase.Idle;
        }

        // The amount is read in the default account's currency, as for a payment: nothing about other accounts before the PIN.
        var all = accounts.Value!;
        var checking = BalanceReply.Select(all, BalanceReply.Checking);
        var usual = checking.Count > 0 ? checking[0] : all.Count > 0 ? all[0] : null;
        if (usual is null)
        {
            reply.Say(SpeechKeys.BalanceNone).End();
            return Phase.Idle;
        }

        var (amount, problem) = SpokenAmount.Parse(draft.Amount, draft.Cents, usual.Available.Currency);
        if (amount is not { } money)
        {
            var key = problem switch
            {
                AmountProblem.Missing => SpeechKeys.MoveAskAmount,
                AmountProblem.NotPositive => SpeechKeys.MoveAmountNotPositive,
                _ => SpeechKeys.MoveAmountNotUnderstood,
            };
            return AskAmount(turn, draft, input.Speech.Say(key));
        }

        // The same per-transfer limit as a payment: policy, so it may refuse before the PIN. Funds and today's total
        // are checked after it, by the bank and the daily reservation (one day's total for payments and moves alike).
        var perTransfer = limits.Value.PerTransferIn(money.Currency);
        if (money > perTransfer)
        {
            return AskAmount(turn, draft, input.Speech.Say(SpeechKeys.MoveOverPerTransferLimit, MoneyText.Format(money), MoneyText.Format(perTransfer)));
        }

        if (!pin.IsVerified(turn))
        {
            state.Move = draft with { Asking = MoveAsk.None };
            pin.Ask(turn, again: false);
            return Phase.PinForMove;
        }

        return await AfterPinAsync(turn, draft, all, money, cancellationToken);
    }

    /// <summary>
    /// The move being read back, changed by what was said now ("make it thirty dollars"): its accounts and amount are kept
    /// unless said again, and it is gathered and read back anew (a new idempotency key: nothing was sent for the old one).
    /// </summary>
    public Task<Phase> ChangeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var transfer = turn.State.Transfer!;
        var to = transfer.To!;
        turn.State.Move = new MoveDraft(
            transfer.Amount.ToString(CultureInfo.InvariantCulture),
            null,
            new AccountPick(transfer.AccountNamed ? null : KindOf(transfer.FromAccountType), null, transfer.FromAccountId),
            new AccountPick(to.Named ? null : KindOf(to.Type), null, to.AccountId));
        turn.State.Transfer = null;
        return CollectAsync(turn, useSlots: true, cancellationToken);
    }

    /// <summary>The question a move is waiting on, asked again ("Which account should I move the money from: …?").</summary>
    public static Phase AskAgain(TurnContext turn, Ssml before)
    {
        var draft = turn.State.Move!;
        if (draft.Asking is MoveAsk.From or MoveAsk.To && turn.State.AccountCandidates is { Count: > 0 })
        {
            return AskAccount(turn, draft, draft.Asking, turn.State.AccountCandidates, before);
        }

        return AskAmount(turn, draft, Ssml.Concat(before, turn.Input.Speech.Say(SpeechKeys.MoveAskAmount)));
    }

    /// <summary>Help while a move asks for something: what is going on, then the question again.</summary>
    public static Phase Help(TurnContext turn) => AskAgain(turn, turn.Input.Speech.Say(SpeechKeys.MoveHelp));

    /// <summary>"Move $100.00 from Rainy Day Savings, ending in 9034, to your checking account?"</summary>
    public static Phase ReadBack(TurnContext turn, string key)
    {
        var transfer = turn.State.Transfer!;
        var speech = turn.Input.Speech;
        var to = transfer.To!;
        var from = transfer.AccountNamed
            ? speech.Say(SpeechKeys.MoveFromNamed, transfer.FromAccountName, Ssml.Characters(transfer.FromAccountLastFour))
            : speech.Say(SpeechKeys.SendFromKind, BalanceReply.TypeName(speech, transfer.FromAccountType));
        var into = to.Named
            ? speech.Say(SpeechKeys.SendFromNamed, to.Name, Ssml.Characters(to.LastFour))
            : speech.Say(SpeechKeys.SendFromKind, BalanceReply.TypeName(speech, to.Type));
        var amount = MoneyText.Format(transfer.Money);
        turn.Reply
            .Say(speech.Say(key, amount, from, into))
            .Reprompt(speech.Say(SpeechKeys.MoveConfirm, amount, from, into));
        return Phase.ReadBack;
    }

    /// <summary>The read-back keys of a payment, in a move's words.</summary>
    public static string ReadBackKey(string paymentKey) => paymentKey switch
    {
        SpeechKeys.SendConfirmFirst => SpeechKeys.MoveConfirmFirst,
        SpeechKeys.SendHelpReadBack => SpeechKeys.MoveHelpReadBack,
        _ => SpeechKeys.MoveConfirm,
    };

    private async Task<Phase> AfterPinAsync(TurnContext turn, MoveDraft draft, IReadOnlyList<Account> all, Money money, CancellationToken cancellationToken)
    {
        var (input, state, reply) = (turn.Input, turn.State, turn.Reply);
        if (all.Count < 2)
        {
            reply.Say(SpeechKeys.MoveNoOtherAccount);
            return Phase.Idle;
        }

        if (Find(draft.From, all) is not { } from)
        {
            return Offer(turn, draft, MoveAsk.From, draft.From, all);
        }

        draft = draft with { From = new AccountPick(draft.From!.Kind, draft.From.Named, from.Id) };
        var others = all.Where(a => a.Id != from.Id).ToList();
        if (Find(draft.To, all) is not { } to)
        {
            return Offer(turn, draft, MoveAsk.To, draft.To, others);
        }

        if (to.Id == from.Id)
        {
            reply.Say(SpeechKeys.MoveSameAccount);
            return Phase.Idle;
        }

        if (from.Available.Currency != money.Currency || to.Available.Currency != money.Currency)
        {
            reply.Say(SpeechKeys.MoveCurrencies);
            return Phase.Idle;
        }

        // A move identical to one not yet settled could move twice: as for payments, read it at the bank and refuse while unsettled.
        var target = TransferTarget.OwnAccount(to.Id);
        foreach (var earlier in await journal.UnresolvedAsync(input.UserId, cancellationToken))
        {
            if (earlier.PayeeId == target && earlier.Money == money)
            {
                var settled = await processor.ReportAsync(input.AccessToken!, earlier, input.Turn, cancellationToken);
                if (settled.Result != TransferResult.Declined)
                {
                    reply.Say(OutcomeSpeech.RefuseWhileUnknown(input, settled));
                    return Phase.Idle;
                }
            }
        }

        state.Transfer = new PendingTransfer(
            IdempotencyKeys.For(input.UserId, input.SessionId, input.RequestId, target, from.Id, money),
            target,
            to.Nickname,
            from.Id,
            from.Nickname,
            from.LastFour,
            money.Amount,
            money.Currency,
            from.Type,
            AccountNamed: !ByItsKindAlone(draft.From, all),
            To: new MoveTarget(to.Id, to.Nickname, to.LastFour, to.Type, Named: !ByItsKindAlone(draft.To, all)));
        return ReadBack(turn, SpeechKeys.MoveConfirm);
    }

    /// <summary>The one account <paramref name="pick"/> names, or null (none said, several fit, or none fits).</summary>
    private static Account? Find(AccountPick? pick, IReadOnlyList<Account> accounts) =>
        pick is null ? null
        : pick.AccountId is { } id ? accounts.FirstOrDefault(a => a.Id == id)
        : AccountWords.Resolve(pick.Kind, pick.Named, accounts) is AccountMatch.Found found ? found.Account
        : null;

    /// <summary>"Which account should I move the money from: …?" with those that fit what was said, or every candidate if none does.</summary>
    private static Phase Offer(TurnContext turn, MoveDraft draft, MoveAsk side, AccountPick? pick, IReadOnlyList<Account> candidates)
    {
        var speech = turn.Input.Speech;
        var match = pick is null ? null : AccountWords.Resolve(pick.Kind, pick.Named, candidates);
        var (offered, before) = match switch
        {
            AccountMatch.Several several => (several.Accounts, Ssml.Empty),
            AccountMatch.Found found => ((IReadOnlyList<Account>)[found.Account], Ssml.Empty),
            null => (candidates, Ssml.Empty),
            _ => (candidates, pick!.Named?.LastFour is not null ? speech.Say(SpeechKeys.BalanceNoLastFourShort)
                : pick.Named?.Name is { } name ? speech.Say(SpeechKeys.BalanceNoNameShort, name)
                : Ssml.Empty),
        };
        var cleared = side == MoveAsk.From ? draft with { From = null } : draft with { To = null };
        return AskAccount(turn, cleared, side, AccountWords.Choices(offered), before);
    }

    private static Phase AskAccount(TurnContext turn, MoveDraft draft, MoveAsk side, List<AccountChoice> offered, Ssml before)
    {
        var state = turn.State;
        state.Move = draft with { Asking = side };
        state.AccountCandidates = offered;
        var speech = turn.Input.Speech;
        var slot = side == MoveAsk.From ? SlotNames.FromAccountName : SlotNames.ToAccountName;
        turn.Reply
            .Say(before)
            .Ask(speech.Say(side == MoveAsk.From ? SpeechKeys.MoveAskFrom : SpeechKeys.MoveAskTo, List(turn, offered)), SpeechKeys.MoveAskAccountReprompt)
            .Directive(new DialogElicitSlotDirective { SlotToElicit = slot, UpdatedIntent = DialogIntent(state.Move) });
        return Phase.CollectingMove;
    }

    private static Phase AskAmount(TurnContext turn, MoveDraft draft, Ssml question)
    {
        turn.State.Move = draft with { Amount = null, Cents = null, Asking = MoveAsk.Amount };
        turn.Reply
            .Ask(question, SpeechKeys.MoveAskAmount)
            .Directive(new DialogElicitSlotDirective { SlotToElicit = SlotNames.MoveAmount, UpdatedIntent = DialogIntent(turn.State.Move) });
        return Phase.CollectingMove;
    }

    /// <summary>An account on offer picked by position ("the second one"); anything else is looked up by what was said.</summary>
    private static MoveDraft Chosen(MoveDraft draft, List<AccountChoice>? offered)
    {
        var pick = draft.Asking switch
        {
            MoveAsk.From => draft.From,
            MoveAsk.To => draft.To,
            _ => null,
        };
        if (offered is not { Count: > 0 } || pick?.Named?.Name is not { } words
            || CandidateAnswer.Parse(words, offered.Count) is not CandidateAnswer.Position { Index: var index } || index < 0 || index >= offered.Count)
        {
            return draft;
        }

        var chosen = new AccountPick(null, null, offered[index].Id);
        return draft.Asking == MoveAsk.From ? draft with { From = chosen } : draft with { To = chosen };
    }

    private static string KindOf(AccountType type) => type == AccountType.Savings ? BalanceReply.Savings : BalanceReply.Checking;

    /// <summary>Named by its kind alone, and the only one of that kind: "your checking account". Otherwise its name and last four.</summary>
    private static bool ByItsKindAlone(AccountPick? pick, IReadOnlyList<Account> accounts) =>
        pick is { Named: null, Kind: { } kind } && BalanceReply.Select(accounts, kind).Count == 1;

    /// <summary>"Rainy Day Savings, ending in 9034, or Vacation Savings, ending in 7710": at most five.</summary>
    private static Ssml List(TurnContext turn, List<AccountChoice> offered)
    {
        var speech = turn.Input.Speech;
        var options = offered.Take(5).Select(c => speech.Say(SpeechKeys.SendFromNamed, c.Name, Ssml.Characters(c.LastFour))).ToList();
        var list = options[0];
        for (var i = 1; i < options.Count; i++)
        {
            list = Ssml.Format(CultureInfo.InvariantCulture, i == options.Count - 1 ? "{0}{1}{2}" : "{0}, {2}", list, speech.Text(SpeechKeys.SendOr), options[i]);
        }

        return list;
    }

    /// <summary>The intent sent back with the elicitation: the amount so far, no account (an answer then names only the side asked).</summary>
    private static Intent DialogIntent(MoveDraft draft)
    {
        Slot Slot(string name, string? value) => new() { Name = name, Value = value, ConfirmationStatus = ConfirmationStatuses.None };
        var slots = new Dictionary<string, Slot>(StringComparer.Ordinal)
        {
            [SlotNames.MoveAmount] = Slot(SlotNames.MoveAmount, draft.Asking == MoveAsk.Amount ? null : draft.Amount),
            [SlotNames.MoveCents] = Slot(SlotNames.MoveCents, draft.Asking == MoveAsk.Amount ? null : draft.Cents),
        };
        foreach (var name in new[] { SlotNames.FromAccount, SlotNames.FromAccountName, SlotNames.FromLastFour, SlotNames.ToAccount, SlotNames.ToAccountName, SlotNames.ToLastFour })
        {
            slots[name] = Slot(name, null);
        }

        return new Intent { Name = IntentNames.MoveMoney, ConfirmationStatus = ConfirmationStatuses.None, Slots = slots };
    }
}
