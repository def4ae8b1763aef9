using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// The thin engine: load → classify once → the table's row → the flow that carries out its step →
/// check the row allowed where it ended → save once. The rules live in <see cref="ConversationTable"/>;
/// the I/O lives in the flows.
/// </summary>
public sealed partial class ConversationEngine(
    ConversationStore conversations,
    ConfirmedActions confirmed,
    ITransferJournal journal,
    WelcomeFlow welcome,
    PaymentFlow payment,
    PinGate pin,
    AccountsFlow accounts,
    ForgetFlow forget,
    SpendingFlow spending,
    PinSetupFlow pinSetup,
    MoveFlow move,
    HelpReply help,
    ILogger<ConversationEngine> logger)
{
    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        // A launch opens a new session: there is nothing to load, and (Welcome in every phase) nothing to keep.
        var launch = input.Request is LaunchRequest;
        var state = launch ? new ConversationState() : await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        var before = state.Confirmed;
        var (phase, journalled) = await PhaseOfAsync(input, state, cancellationToken);
        var kind = ConversationInputs.Classify(input, phase, state);

        var row = ConversationTable.Find(phase, kind);
        LogStep(logger, phase, kind, row.Step);
        if (System.Diagnostics.Activity.Current is { } span && span.Source == Telemetry.VoicePayTelemetry.Source)
        {
            span.SetTag("voicepay.phase", phase.ToString()).SetTag("voicepay.step", row.Step.ToString());
        }

        var turn = new TurnContext(input, kind, state);
        var next = await RunAsync(row, turn, journalled, cancellationToken);
        Shape(state, next);
        await KeepConfirmedAsync(input.UserId, row, before, state.Confirmed, cancellationToken);

        // An answer with nothing left waiting keeps the conversation open: "Anything else?"
        var reply = turn.Reply;
        if (next == Phase.Idle && !reply.Ends && !reply.Asks)
        {
            reply.AnythingElse();
        }

        state.LastSpeech = reply.Spoken.Markup;

        // A launch saves only when its news owes details to the PIN (WelcomeFlow.DetailAsync).
        if ((!launch || state.ToldWithoutDetails is not null) && !state.Forgotten)
        {
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
        }

        return reply.Build();
    }

    /// <summary>
    /// The stored phase, unless the waiting transfer is already in the journal (sent by an earlier
    /// turn whose answer or save was lost, or abandoned by a launch elsewhere): then it is <see cref="Phase.Sending"/>.
    /// </summary>
    private async Task<(Phase Phase, JournalEntry? Journalled)> PhaseOfAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (state.Transfer is { } transfer && state.Phase is Phase.ReadBack or Phase.PinForPayment
            && await journal.FindAsync(input.UserId, transfer.IdempotencyKey, cancellationToken) is { } entry)
        {
            return (Phase.Sending, entry);
        }

        return (state.Phase, null);
    }

    private async Task<Phase> RunAsync(Transition row, TurnContext turn, JournalEntry? journalled, CancellationToken cancellationToken)
    {
        var next = await StepAsync(row, turn, journalled, cancellationToken);
        if (!row.To.Contains(next))
        {
            throw new InvalidOperationException($"{row.From} + {row.On} → {row.Step} ended in {next}, which its row does not name.");
        }

        return next;
    }

    private async Task<Phase> StepAsync(Transition row, TurnContext turn, JournalEntry? journalled, CancellationToken cancellationToken)
    {
        var (state, reply) = (turn.State, turn.Reply);
        if (PinSetupFlow.Handles(row.Step))
        {
            return await pinSetup.RunAsync(row, turn, cancellationToken);
        }

        // Issue 19, item 5: with BalancesOnly an unrecognized voice starts, confirms and finishes no payment or move, and
        // hears so before any payee or account is looked up. Each of these rows may end in Idle.
        if (IsMoneyStep(row) && pin.RefusesMoney(turn))
        {
            reply.Say(SpeechKeys.VoiceNoMoney);
            return Phase.Idle;
        }

        switch (row.Step)
        {
            case Step.Welcome:
                return await welcome.WelcomeAsync(turn, cancellationToken);
            case Step.Collect:
                // A payment named at a move's read-back replaces the move: it goes with words, never silently.
                if (state.Transfer?.To is not null)
                {
                    PaymentFlow.Cancel(turn);
                    state.Transfer = null;
                }

                return await payment.CollectAsync(turn, useSlots: true, usePayeeSlot: true, cancellationToken);
            case Step.AskAgain:
                return await payment.CollectAsync(turn, useSlots: false, usePayeeSlot: false, cancellationToken);
            case Step.HelpCollecting:
                reply.Say(SpeechKeys.SendHelpCollecting);
                return await payment.CollectAsync(turn, useSlots: false, usePayeeSlot: false, cancellationToken);
            case Step.Choose:
                return await payment.ChooseAsync(turn, cancellationToken);
            case Step.ChooseAgain:
                return PaymentFlow.ChooseAgain(turn);
            case Step.AskPayee:
                return PaymentFlow.AskPayee(turn);
            case Step.ReadBackAgain:
                return PaymentFlow.ReadBack(turn, SpeechKeys.SendConfirm);
            case Step.ReadBackRepeat:
                return PaymentFlow.ReadBack(turn, SpeechKeys.SendConfirm);
            case Step.AskRepeatAgain:
                reply.Ask(turn.Input.Speech.Say(SpeechKeys.SendRecentlySentAgain, MoneyText.Format(state.Transfer!.Money), state.Transfer.PayeeName), SpeechKeys.SendRecentlySentReprompt);
                return Phase.ConfirmRepeat;
            case Step.ConfirmFirst:
                return PaymentFlow.ReadBack(turn, SpeechKeys.SendConfirmFirst);
            case Step.HelpReadBack:
                return PaymentFlow.ReadBack(turn, SpeechKeys.SendHelpReadBack);
            case Step.Confirm:
                return await payment.ConfirmAsync(turn, cancellationToken);
            case Step.CheckPin:
                return await CheckPinAsync(row.From, turn, cancellationToken);
            case Step.AskPinAgain:
                pin.Ask(turn, again: true);
                return row.From;
            case Step.HelpPin:
                PinGate.Help(turn);
                return row.From;
            case Step.CancelPayment:
                PaymentFlow.Cancel(turn);
                return Phase.Idle;
            case Step.CancelPaymentAndEnd:
                PaymentFlow.Cancel(turn);
                reply.Tell(SpeechKeys.Goodbye);
                return Phase.Idle;
            case Step.ChangeMove when state.Transfer?.To is not null:
                return await move.ChangeAsync(turn, cancellationToken);
            case Step.CancelPaymentThen or Step.KeepDataThen or Step.StopPinSetupThen or Step.ChangeMove:
                // What waited goes, and the person hears so first; then the request is taken as if nothing waited.
                if (row.Step is Step.CancelPaymentThen or Step.ChangeMove)
                {
                    PaymentFlow.Cancel(turn);
                }
                else if (row.Step == Step.StopPinSetupThen)
                {
                    PinSetupFlow.Stop(turn);
                }
                else
                {
                    ForgetFlow.Keep(turn);
                }

                Shape(state, Phase.Idle);
                return await RunAsync(ConversationTable.Find(Phase.Idle, turn.Kind), turn, null, cancellationToken);
            case Step.AskAccounts:
                return await accounts.AskAsync(turn, cancellationToken);
            case Step.MoreItems:
                return await accounts.MoreAsync(turn, cancellationToken);
            case Step.Nevermind:
                reply.Say(SpeechKeys.Okay);
                return Phase.Idle;
            case Step.NothingToConfirm:
                reply.Ask(turn.Input.Speech.Say(SpeechKeys.SendNothingToConfirm), SpeechKeys.FallbackReprompt);
                return Phase.Idle;
            case Step.NothingWaitingForPin:
                reply.Ask(turn.Input.Speech.Say(SpeechKeys.PinNothingPending), SpeechKeys.FallbackReprompt);
                return Phase.Idle;
            case Step.Help:
                await help.BuildAsync(reply, cancellationToken);
                return Phase.Idle;
            case Step.Fallback:
                reply.Ask(turn.Input.Speech.Say(SpeechKeys.Fallback), SpeechKeys.FallbackReprompt);
                return Phase.Idle;
            case Step.Goodbye:
                reply.Tell(SpeechKeys.Goodbye);
                return Phase.Idle;
            case Step.RepeatLast:
                return RepeatLast(row.From, turn);
            case Step.ReportOutcome:
                return await payment.ReportAsync(turn, journalled!, cancellationToken);
            case Step.ReadBackForget or Step.ReadBackForgetAgain:
                return ForgetFlow.ReadBack(turn, again: row.Step == Step.ReadBackForgetAgain);
            case Step.ConfirmForget:
                return await forget.ConfirmAsync(turn, cancellationToken);
            case Step.KeepData:
                ForgetFlow.Keep(turn);
                return Phase.Idle;
            case Step.KeepDataAndEnd:
                ForgetFlow.Keep(turn);
                reply.Tell(SpeechKeys.Goodbye);
                return Phase.Idle;
            case Step.AskSpending:
                return await spending.AskAsync(turn, cancellationToken);
            case Step.ChooseAccount:
                return await payment.ChooseAccountAsync(turn, cancellationToken);
            case Step.ChooseAccountAgain:
                return PaymentFlow.ChooseAccountAgain(turn);
            case Step.CollectMove:
                return await move.CollectAsync(turn, useSlots: true, cancellationToken);
            case Step.AskMoveAgain:
                return MoveFlow.AskAgain(turn, Ssml.Empty);
            case Step.HelpMove:
                return MoveFlow.Help(turn);
            default:
                throw new InvalidOperationException($"The step {row.Step} has no implementation.");
        }
    }

    private static bool IsMoneyStep(Transition row) =>
        row.Step is Step.Collect or Step.CollectMove or Step.ChangeMove or Step.Confirm
        || (row.Step == Step.CheckPin && row.From is Phase.PinForPayment or Phase.PinForAccountLookup or Phase.PinForMove);

    /// <summary>The PIN, said in a PIN phase: if right, what waited is done; if not, it keeps waiting or (locked) is dropped with words.</summary>
    private async Task<Phase> CheckPinAsync(Phase phase, TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        var answer = await pin.CheckAsync(turn, cancellationToken);
        if (answer.Result == PinGateResult.Verified)
        {
            await welcome.DetailAsync(turn, cancellationToken);
            return phase switch
            {
                Phase.PinForPayment => await payment.SendAsync(turn, cancellationToken),
                Phase.PinForForget => await forget.ForgetAsync(turn, cancellationToken),
                Phase.PinForAccountLookup => await payment.CollectAsync(turn, useSlots: false, usePayeeSlot: false, cancellationToken),
                Phase.PinForMove => await move.CollectAsync(turn, useSlots: false, cancellationToken),
                _ => await accounts.AnswerWaitingAsync(turn, cancellationToken),
            };
        }

        // Another request of this conversation may have sent (or a launch abandoned) the payment meanwhile: that is the news.
        if (phase == Phase.PinForPayment && turn.State.Transfer is { } transfer
            && await journal.FindAsync(turn.UserId, transfer.IdempotencyKey, cancellationToken) is { } entry)
        {
            return await payment.ReportAsync(turn, entry, cancellationToken);
        }

        // Another voice, with no PIN of its own, answered the PIN question: it is offered one (what waited goes). A
        // confirmed action cannot reach here in another voice (PinGate refuses that first), so these rows allow the offer.
        if (answer.Result == PinGateResult.NotSetUp && phase is not (Phase.PinForPayment or Phase.PinForForget))
        {
            return PinSetupFlow.Offer(turn);
        }

        answer.SayTo(turn.Reply);
        return answer.Result is PinGateResult.Refused or PinGateResult.NotSetUp ? Phase.Idle : phase;
    }

    private static Phase RepeatLast(Phase phase, TurnContext turn)
    {
        var last = Ssml.FromStored(turn.State.LastSpeech);
        if (last.IsEmpty)
        {
            // Right after the welcome nothing is stored yet: the welcome is what was said.
            WelcomeFlow.Greet(turn);
            return phase;
        }

        turn.Reply.Ask(last, phase == Phase.Listing ? SpeechKeys.ListMoreReprompt : SpeechKeys.AnythingElseReprompt);
        return phase;
    }

    /// <summary>
    /// Keeps exactly what <paramref name="phase"/> holds and clears the rest, so no step resets state
    /// by hand; and refuses a state that lacks what its phase needs.
    /// </summary>
    private static void Shape(ConversationState state, Phase phase)
    {
        state.Phase = phase;
        if (phase is not (Phase.Collecting or Phase.Choosing or Phase.ConfirmRepeat or Phase.ReadBack or Phase.PinForPayment
            or Phase.PinForAccountLookup or Phase.ChoosingAccount))
        {
            state.Draft = null;
        }

        if (phase != Phase.Choosing)
        {
            state.Candidates = null;
        }

        if (phase is not (Phase.ChoosingAccount or Phase.CollectingMove))
        {
            state.AccountCandidates = null;
        }

        if (phase is not (Phase.PinForMove or Phase.CollectingMove))
        {
            state.Move = null;
        }

        if (phase is not (Phase.ConfirmRepeat or Phase.ReadBack or Phase.PinForPayment))
        {
            state.Transfer = null;
        }

        if (phase is not (Phase.PinForAccounts or Phase.Listing))
        {
            state.Question = null;
        }

        if (!ConversationTable.HoldsConfirmedAction(phase))
        {
            state.Confirmed = null;
        }

        if (phase is not (Phase.OfferPinSetup or Phase.CodeForPin or Phase.ChoosePin or Phase.RepeatPin or Phase.PinForChange))
        {
            state.PinSetup = null;
        }

        var whole = phase switch
        {
            Phase.Choosing => state.Candidates is { Count: > 0 },
            Phase.ReadBack or Phase.ConfirmRepeat => state.Transfer is not null,
            Phase.PinForPayment => state.Confirmed is { Kind: ConfirmedActionKind.Payment, Transfer: not null } && state.Transfer is not null,
            Phase.PinForForget => state.Confirmed is { Kind: ConfirmedActionKind.Forget },
            Phase.PinForAccounts or Phase.Listing => state.Question is not null,
            Phase.PinForAccountLookup => state.Draft is { NamesAccount: true },
            Phase.ChoosingAccount => state.Draft is not null && state.AccountCandidates is { Count: > 0 },
            Phase.OfferPinSetup or Phase.PinForChange => state.PinSetup is not null,
            Phase.CodeForPin => state.PinSetup is { CodeId: not null },
            Phase.ChoosePin => state.PinSetup is { Proven: true },
            Phase.RepeatPin => state.PinSetup is { Proven: true, Chosen: not null },
            Phase.PinForMove => state.Move is not null,
            Phase.CollectingMove => state.Move is { Asking: MoveAsk.Amount } || (state.Move is { Asking: MoveAsk.From or MoveAsk.To } && state.AccountCandidates is { Count: > 0 }),
            _ => true,
        };
        if (!whole)
        {
            throw new InvalidOperationException($"A conversation in {phase} lacks what that phase holds.");
        }
    }

    /// <summary>
    /// A confirmed action ends only by being completed or cancelled with words (the row's rule says
    /// which); while it waits it is kept under the person too, so a session that ends first cannot
    /// lose it without a word (the next launch says it was not done).
    /// </summary>
    private async Task KeepConfirmedAsync(string userId, Transition row, ConfirmedAction? before, ConfirmedAction? after, CancellationToken cancellationToken)
    {
        if (before is not null && after != before
            && ConversationTable.RuleFor(row.Step) is not (ConfirmedActionRule.Completes or ConfirmedActionRule.CancelsWithWords))
        {
            throw new InvalidOperationException($"{row.From} + {row.On} → {row.Step} would drop a confirmed action without a word.");
        }

        if (after is not null && after != before)
        {
            await confirmed.KeepAsync(userId, after, cancellationToken);
        }
        else if (before is not null && after is null)
        {
            await confirmed.DropAsync(userId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation: {Phase} + {Input} → {Step}")]
    private static partial void LogStep(ILogger logger, Phase phase, Input input, Step step);
}
