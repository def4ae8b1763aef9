using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// Carries out the conversation: loads its state, asks <see cref="ConversationTable"/> for the step,
/// carries the step out (the I/O lives here and in the services it calls), and saves the state once.
/// Handlers are one line around this.
/// </summary>
public sealed partial class ConversationEngine(
    ConversationStore conversations,
    ITransferJournal journal,
    PaymentPreparer preparer,
    TransferProcessor processor,
    LegacyUnresolvedTransfer legacy,
    VoicePinVerifier verifier,
    BalanceReply balances,
    TransactionsReply transactions,
    AlertsReply alerts,
    IPersonalData personalData,
    IPaymentsApi bank,
    IOptions<PinOptions> pinOptions,
    IOptions<TransferLimits> limits,
    TimeProvider time,
    ILogger<ConversationEngine> logger)
{
    public const string VerifyPersonToken = "voicepay-verify-person";

    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var kind = ConversationInputs.Classify(input);

        // A launch opens a new session: there is nothing to load, and (Welcome in every phase) nothing to keep.
        var launch = kind == Input.Launch;
        var state = launch ? new ConversationState() : await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        var (phase, journalled) = await PhaseOfAsync(input, state, cancellationToken);
        var step = ConversationTable.Next(phase, kind);
        LogStep(logger, phase, kind, step);
        if (System.Diagnostics.Activity.Current is { } turn && turn.Source == Telemetry.VoicePayTelemetry.Source)
        {
            turn.SetTag("voicepay.phase", phase.ToString()).SetTag("voicepay.step", step.ToString());
        }

        var response = step == Step.ReportOutcome
            ? await ReportAsync(input, state, journalled!, cancellationToken)
            : await RunAsync(step, kind, input, state, cancellationToken);
        if (!launch && !state.Forgotten)
        {
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
        }

        return response;
    }

    /// <summary>
    /// The stored phase, unless the waiting transfer is already in the journal (sent by an earlier
    /// turn whose answer or save was lost): then it is <see cref="Phase.Sending"/>.
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

    private async Task<SkillResponse> RunAsync(Step step, Input kind, HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case Step.Welcome:
                return await WelcomeAsync(input, state, cancellationToken);
            case Step.Collect:
                return await CollectAsync(input, state, useSlots: true, usePayeeSlot: true, cancellationToken);
            case Step.AskAgain:
                return await CollectAsync(input, state, useSlots: false, usePayeeSlot: false, cancellationToken);
            case Step.HelpCollecting:
                return Replies.Preface(await CollectAsync(input, state, useSlots: false, usePayeeSlot: false, cancellationToken), input.Speech.Say(SpeechKeys.SendHelpCollecting));
            case Step.Choose:
                return await ChooseAsync(input, state, cancellationToken);
            case Step.ChooseAgain:
                return ChooseAgain(input, state);
            case Step.AskPayee:
                state.Phase = Phase.Collecting;
                state.Candidates = null;
                state.Draft = (state.Draft ?? Empty) with { Payee = null, PayeeId = null };
                return Elicit(input, state.Draft, SlotNames.Payee, input.Speech.Say(SpeechKeys.SendAskPayeeAgain), SpeechKeys.SendAskPayee);
            case Step.ReadBackAgain:
                return ReadBack(input, state, SpeechKeys.SendConfirm);
            case Step.ConfirmFirst:
                return ReadBack(input, state, SpeechKeys.SendConfirmFirst);
            case Step.HelpReadBack:
                return ReadBack(input, state, SpeechKeys.SendHelpReadBack);
            case Step.Confirm:
                return await ConfirmAsync(input, state, cancellationToken);
            case Step.CheckPin:
                return await CheckPinAsync(input, state, cancellationToken);
            case Step.AskPinAgain:
                return AskPin(input, state, again: true);
            case Step.HelpPin:
                return state.Transfer is { } help
                    ? Replies.Ask(input, input.Speech.Say(SpeechKeys.PinHelpPayment, MoneyText.Format(help.Money), help.PayeeName), SpeechKeys.PinReprompt)
                    : Replies.Ask(input, input.Speech.Say(state.Phase == Phase.PinForForget ? SpeechKeys.PinHelpForget : SpeechKeys.PinHelpAccounts), SpeechKeys.PinReprompt);
            case Step.CancelPayment:
                return Replies.Ask(input, Ssml.Concat(Cancel(input, state), input.Speech.Say(SpeechKeys.IdlePrompt)), SpeechKeys.FallbackReprompt);
            case Step.CancelPaymentAndEnd:
                return Tell(input, Ssml.Concat(Cancel(input, state), input.Speech.Say(SpeechKeys.Goodbye)));
            case Step.CancelPaymentThen:
                // A new request while a payment waits: the payment goes, and the person hears so first.
                var cancelled = Cancel(input, state);
                return Replies.Preface(await RunAsync(ConversationTable.Next(Phase.Idle, kind), kind, input, state, cancellationToken), cancelled);
            case Step.AskAccounts:
                return await AskAccountsAsync(input, state, cancellationToken);
            case Step.Nevermind:
                Reset(state);
                return Replies.Ask(input, Ssml.Concat(input.Speech.Say(SpeechKeys.Okay), input.Speech.Say(SpeechKeys.IdlePrompt)), SpeechKeys.FallbackReprompt);
            case Step.NothingToConfirm:
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.SendNothingToConfirm), SpeechKeys.FallbackReprompt);
            case Step.NothingWaitingForPin:
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNothingPending), SpeechKeys.FallbackReprompt);
            case Step.Help:
                return ResponseBuilder.Create().Speak(input.Speech.Say(SpeechKeys.Help)).Reprompt(input.Speech.Say(SpeechKeys.HelpReprompt)).Build();
            case Step.Fallback:
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.Fallback), SpeechKeys.FallbackReprompt);
            case Step.Goodbye:
                Reset(state);
                return Replies.Say(input, SpeechKeys.Goodbye);
            case Step.ReadBackForget or Step.ReadBackForgetAgain:
                Reset(state);
                state.Phase = Phase.ConfirmForget;
                return Replies.Ask(input, input.Speech.Say(step == Step.ReadBackForget ? SpeechKeys.ForgetReadBack : SpeechKeys.ForgetReadBackAgain), SpeechKeys.ForgetReprompt);
            case Step.ConfirmForget:
                return await ConfirmForgetAsync(input, state, cancellationToken);
            case Step.KeepData:
                Reset(state);
                return Replies.Ask(input, Ssml.Concat(input.Speech.Say(SpeechKeys.ForgetKept), input.Speech.Say(SpeechKeys.IdlePrompt)), SpeechKeys.FallbackReprompt);
            default:
                throw new InvalidOperationException($"The step {step} has no implementation.");
        }
    }

    private async Task<SkillResponse> WelcomeAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        Reset(state);
        var builder = ResponseBuilder.Create();
        var news = new List<Ssml>();
        if (input.AccessToken is { } token)
        {
            await legacy.ImportAsync(input.UserId, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var entry in (await journal.UnresolvedAsync(input.UserId, cancellationToken)).Where(e => e.IsInDoubt(now)))
            {
                news.Add(OutcomeSpeech.Later(input, await processor.ReportAsync(token, entry, input.Turn, cancellationToken)));
            }

            if (await alerts.WaitingAsync(input, cancellationToken) is { IsEmpty: false } waiting)
            {
                news.Add(waiting);
            }

            var payees = await bank.GetPayeesAsync(token, cancellationToken);
            if (payees.IsSuccess && payees.Value!.Count > 0)
            {
                builder.AddDirective(PayeeEntities.For(payees.Value));
            }
        }

        return builder
            .Speak(Ssml.Concat([.. news, input.Speech.Say(SpeechKeys.Welcome)]))
            .Reprompt(input.Speech.Say(SpeechKeys.WelcomeReprompt))
            .Build();
    }

    private async Task<SkillResponse> CollectAsync(HandlerInput input, ConversationState state, bool useSlots, bool usePayeeSlot, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            Reset(state);
            return Replies.LinkAccount(input);
        }

        if (await ReadinessRefusalAsync(input, forPayment: true, cancellationToken) is { } refusal)
        {
            Reset(state);
            return refusal;
        }

        var intent = useSlots && input.IsIntent(IntentNames.SendMoney) ? input.IntentRequest!.Intent : null;
        var heardPayee = usePayeeSlot ? intent?.Slots.GetValueOrDefault(SlotNames.Payee) : null;
        var draft = Merge(state.Draft, intent, heardPayee?.Value);

        // A name heard earlier but not yet resolved (the amount was asked for first) is resolved now.
        if (string.IsNullOrWhiteSpace(heardPayee?.Value) && draft.PayeeId is null && draft.Payee is { } earlier)
        {
            heardPayee = new Slot { Name = SlotNames.Payee, Value = earlier };
        }

        var preparation = await preparer.PrepareAsync(input, draft, heardPayee, state.Candidates, IsVerified(state), cancellationToken);
        state.Transfer = null;
        switch (preparation)
        {
            case Preparation.Ask ask:
                state.Phase = Phase.Collecting;
                state.Candidates = null;
                state.Draft = ask.Slot == SlotNames.Amount ? draft with { Amount = null, Cents = null } : draft with { Payee = null, PayeeId = null };
                return Elicit(input, state.Draft, ask.Slot, ask.Speech, ask.RepromptKey);
            case Preparation.Ambiguous ambiguous:
                state.Phase = Phase.Choosing;
                state.Candidates = ambiguous.Candidates;
                state.Draft = draft with { Payee = null, PayeeId = null };
                var names = string.Join(input.Speech.Text(SpeechKeys.SendOr), ambiguous.Candidates.Select(c => c.Name));
                return Elicit(input, state.Draft, SlotNames.Payee, input.Speech.Say(SpeechKeys.SendPayeeAmbiguous, names), SpeechKeys.SendAskPayee);
            case Preparation.Ready ready:
                state.Phase = Phase.ReadBack;
                state.Candidates = null;
                state.Transfer = ready.Transfer;
                state.Draft = draft with { Payee = ready.Transfer.PayeeName, PayeeId = ready.Transfer.PayeeId };
                return ReadBack(input, state, SpeechKeys.SendConfirm);
            default:
                Reset(state);
                return ((Preparation.Refused)preparation).Response;
        }
    }

    private static readonly PaymentDraft Empty = new(null, null, null, null, null);

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
        return new PaymentDraft(
            Amount: string.IsNullOrWhiteSpace(amount) ? draft.Amount : amount,
            Cents: string.IsNullOrWhiteSpace(amount) ? (string.IsNullOrWhiteSpace(cents) ? draft.Cents : cents) : cents,
            Payee: string.IsNullOrWhiteSpace(heardPayee) ? draft.Payee : heardPayee,
            PayeeId: string.IsNullOrWhiteSpace(heardPayee) ? draft.PayeeId : null,
            Account: BalanceReply.KindFrom(intent) ?? draft.Account);
    }

    private async Task<SkillResponse> ChooseAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        var candidates = state.Candidates ?? [];
        var heard = input.IntentRequest?.Intent.SlotValue(SlotNames.Payee);
        switch (CandidateAnswer.Parse(heard, candidates.Count))
        {
            case CandidateAnswer.Position { Index: var index } when index >= 0 && index < candidates.Count:
                state.Draft = (state.Draft ?? Empty) with { Payee = candidates[index].Name, PayeeId = candidates[index].Id };
                return await CollectAsync(input, state, useSlots: true, usePayeeSlot: false, cancellationToken);
            case CandidateAnswer.Affirmative:
                return ChooseAgain(input, state);
            case CandidateAnswer.Negative:
                return await RunAsync(Step.AskPayee, Input.No, input, state, cancellationToken);
            default:
                return await CollectAsync(input, state, useSlots: true, usePayeeSlot: true, cancellationToken);
        }
    }

    private static SkillResponse ChooseAgain(HandlerInput input, ConversationState state)
    {
        var speech = input.Speech;
        var options = (state.Candidates ?? []).Take(5).Select((c, i) => speech.Text(SpeechKeys.SendChoiceOption, speech.Text("Ordinal." + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), c.Name)).ToList();
        var list = options.Count <= 1 ? string.Concat(options) : string.Join(", ", options[..^1]) + speech.Text(SpeechKeys.SendOr) + options[^1];
        return Elicit(input, state.Draft ?? Empty, SlotNames.Payee, speech.Say(SpeechKeys.SendChooseAgain, list), SpeechKeys.SendAskPayee);
    }

    private async Task<SkillResponse> ConfirmAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            Reset(state);
            return Replies.LinkAccount(input);
        }

        if (IsVerified(state))
        {
            return await SendAsync(input, state, cancellationToken);
        }

        if (await ReadinessRefusalAsync(input, forPayment: true, cancellationToken) is { } refusal)
        {
            Reset(state);
            return refusal;
        }

        state.Phase = Phase.PinForPayment;
        return AskPin(input, state, again: false);
    }

    private async Task<SkillResponse> CheckPinAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            Reset(state);
            return Replies.LinkAccount(input);
        }

        if (input.Request is SessionResumedRequest resumed)
        {
            return await ResumedAsync(input, state, resumed, cancellationToken);
        }

        if (pinOptions.Value.Mode != PinMode.Skill)
        {
            return AskPin(input, state, again: true);
        }

        // A misheard PIN ("?") is not an attempt: nothing was compared.
        if (!VoicePin.TryParse(input.IntentRequest!.Intent.SlotValue(SlotNames.Pin), out var pin))
        {
            return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNotUnderstood), SpeechKeys.PinReprompt);
        }

        var check = await verifier.CheckAsync(input.UserId, input.RequestId, pin, cancellationToken);
        if (check.Outcome == PinCheckOutcome.Verified)
        {
            state.PinVerifiedAt = time.GetUtcNow();
            return await RunVerifiedAsync(input, state, cancellationToken);
        }

        // Another request of this conversation may have sent the payment meanwhile: that is the news.
        if (state.Transfer is { } transfer && await journal.FindAsync(input.UserId, transfer.IdempotencyKey, cancellationToken) is { } sent)
        {
            return await ReportAsync(input, state, sent, cancellationToken);
        }

        switch (check.Outcome)
        {
            case PinCheckOutcome.Wrong:
                var speech = check.AttemptsLeft == 1
                    ? input.Speech.Say(SpeechKeys.PinWrongLastTry)
                    : input.Speech.Say(SpeechKeys.PinWrong, check.AttemptsLeft);
                return Replies.Ask(input, speech, SpeechKeys.PinReprompt);
            case PinCheckOutcome.Busy:
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinBusy), SpeechKeys.PinReprompt);
            case PinCheckOutcome.Unavailable:
                // The PIN key did not answer: nothing was compared or counted, and what waits for the PIN still waits.
                return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinUnavailable), SpeechKeys.PinReprompt);
            case PinCheckOutcome.Locked:
                var forPayment = state.Phase == Phase.PinForPayment;
                Reset(state);
                return Replies.Say(input, forPayment ? SpeechKeys.PinLockedPayment : SpeechKeys.PinLockedAccounts);
            default:
                Reset(state);
                return Replies.Say(input, SpeechKeys.PinNotEnrolled);
        }
    }

    private async Task<SkillResponse> ResumedAsync(HandlerInput input, ConversationState state, SessionResumedRequest resumed, CancellationToken cancellationToken)
    {
        var cause = resumed.Cause;
        var status = cause?.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
        LogResumed(logger, cause?.Token, cause?.Status?.Code, status);
        if (cause?.Token != VerifyPersonToken)
        {
            return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNothingPending), SpeechKeys.FallbackReprompt);
        }

        if (cause.Status?.Code == "200" && status == "ACHIEVED")
        {
            state.PinVerifiedAt = time.GetUtcNow();
            return await RunVerifiedAsync(input, state, cancellationToken);
        }

        var forPayment = state.Phase == Phase.PinForPayment;
        Reset(state);
        return Replies.Say(input, status switch
        {
            "NOT_ENABLED" => SpeechKeys.VerifyPersonNotEnabled,
            "METHOD_LOCKOUT" => forPayment ? SpeechKeys.PinLockedPayment : SpeechKeys.PinLockedAccounts,
            _ => forPayment ? SpeechKeys.VerifyPersonNotAchieved : SpeechKeys.VerifyPersonNotAchievedAccounts,
        });
    }

    private async Task<SkillResponse> RunVerifiedAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (state.Phase == Phase.PinForPayment && state.Transfer is not null)
        {
            return await SendAsync(input, state, cancellationToken);
        }

        if (state.Phase == Phase.PinForForget)
        {
            return await ForgetAsync(input, state, cancellationToken);
        }

        var question = state.Question ?? new AccountQuestion(AccountQuestionKind.Balance);
        Reset(state);
        return await ReadAsync(input, question, cancellationToken);
    }

    private async Task<SkillResponse> SendAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        var transfer = state.Transfer!;
        var outcome = await processor.SendAsync(input.UserId, input.AccessToken!, transfer, input.Turn, cancellationToken);
        Reset(state);
        return OutcomeSpeech.Now(input, outcome, limits.Value, time);
    }

    private async Task<SkillResponse> ConfirmForgetAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            Reset(state);
            return Replies.LinkAccount(input);
        }

        if (IsVerified(state))
        {
            return await ForgetAsync(input, state, cancellationToken);
        }

        if (await ReadinessRefusalAsync(input, forPayment: false, cancellationToken) is { } refusal)
        {
            Reset(state);
            return refusal;
        }

        state.Phase = Phase.PinForForget;
        return AskPin(input, state, again: false);
    }

    /// <summary>Deletes what Voice Pay keeps about the person (as SkillDisabled does) and says so; nothing is saved after it.</summary>
    private async Task<SkillResponse> ForgetAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        await personalData.ForgetAsync(input.UserId, time.GetUtcNow(), cancellationToken);
        LogForgotten(logger);
        Reset(state);
        state.Forgotten = true;
        return Replies.Say(input, SpeechKeys.ForgetDone);
    }

    private async Task<SkillResponse> ReportAsync(HandlerInput input, ConversationState state, JournalEntry entry, CancellationToken cancellationToken)
    {
        var outcome = await processor.ReportAsync(input.AccessToken ?? string.Empty, entry, input.Turn, cancellationToken);
        Reset(state);
        return OutcomeSpeech.Now(input, outcome, limits.Value, time);
    }

    private async Task<SkillResponse> AskAccountsAsync(HandlerInput input, ConversationState state, CancellationToken cancellationToken)
    {
        Reset(state);
        if (input.AccessToken is null)
        {
            return Replies.LinkAccount(input);
        }

        var intent = input.IntentRequest!.Intent;
        var question = intent.Name switch
        {
            IntentNames.RecentTransactions => new AccountQuestion(AccountQuestionKind.Transactions, Count: TransactionsReply.CountFrom(intent)),
            IntentNames.ReadAlerts => new AccountQuestion(AccountQuestionKind.Alerts),
            _ => new AccountQuestion(AccountQuestionKind.Balance, Account: BalanceReply.KindFrom(intent)),
        };

        // Alerts name amounts and merchants: behind the PIN whatever RequiredForBalance says.
        if ((!pinOptions.Value.RequiredForBalance && question.Kind != AccountQuestionKind.Alerts) || IsVerified(state))
        {
            return await ReadAsync(input, question, cancellationToken);
        }

        if (await ReadinessRefusalAsync(input, forPayment: false, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        state.Phase = Phase.PinForAccounts;
        state.Question = question;
        return AskPin(input, state, again: false);
    }

    private Task<SkillResponse> ReadAsync(HandlerInput input, AccountQuestion question, CancellationToken cancellationToken) => question.Kind switch
    {
        AccountQuestionKind.Transactions => transactions.BuildAsync(input, question.Count ?? TransactionsReply.DefaultCount, cancellationToken),
        AccountQuestionKind.Alerts => alerts.BuildAsync(input, cancellationToken),
        _ => balances.BuildAsync(input, question.Account, cancellationToken),
    };

    private SkillResponse AskPin(HandlerInput input, ConversationState state, bool again)
    {
        if (pinOptions.Value.Mode == PinMode.AlexaVoicePin)
        {
            return ResponseBuilder.Create()
                .AddDirective(new StartConnectionDirective
                {
                    Uri = "connection://AMAZON.VerifyPerson/2",
                    Input = new JsonObject
                    {
                        ["requestedAuthenticationConfidenceLevel"] = new JsonObject
                        {
                            ["level"] = 400,
                            ["customPolicy"] = new JsonObject { ["policyName"] = "VOICE_PIN" },
                        },
                    },
                    Token = VerifyPersonToken,
                })
                .LeaveSessionUnset()
                .Build();
        }

        var speech = !again ? input.Speech.Say(SpeechKeys.PinAsk)
            : state.Transfer is { } transfer ? input.Speech.Say(SpeechKeys.PinAskForPayment, MoneyText.Format(transfer.Money), transfer.PayeeName)
            : state.Phase == Phase.PinForForget ? input.Speech.Say(SpeechKeys.PinAskForForget)
            : input.Speech.Say(SpeechKeys.PinAskForAccounts);
        return Replies.Ask(input, speech, SpeechKeys.PinReprompt);
    }

    /// <summary>Refuses before asking for a PIN that cannot succeed, in words that fit what was asked.</summary>
    private async Task<SkillResponse?> ReadinessRefusalAsync(HandlerInput input, bool forPayment, CancellationToken cancellationToken)
    {
        if (pinOptions.Value.Mode != PinMode.Skill)
        {
            return null;
        }

        return await verifier.ReadinessAsync(input.UserId, cancellationToken) switch
        {
            PinReadiness.NotEnrolled => Replies.Say(input, SpeechKeys.PinNotEnrolled),
            PinReadiness.Locked => Replies.Say(input, forPayment ? SpeechKeys.PinLockedPayment : SpeechKeys.PinLockedAccounts),
            _ => null,
        };
    }

    private static SkillResponse ReadBack(HandlerInput input, ConversationState state, string key)
    {
        var transfer = state.Transfer!;
        var speech = input.Speech;
        var readBack = speech.Say(key, MoneyText.Format(transfer.Money), transfer.PayeeName, BalanceReply.TypeName(speech, transfer.FromAccountType));
        return ResponseBuilder.Create()
            .Speak(readBack)
            .Reprompt(speech.Say(SpeechKeys.SendConfirm, MoneyText.Format(transfer.Money), transfer.PayeeName, BalanceReply.TypeName(speech, transfer.FromAccountType)))
            .ConfirmIntent(DialogIntent(state.Draft ?? Empty, transfer.PayeeName, elicited: null))
            .Build();
    }

    private static SkillResponse Elicit(HandlerInput input, PaymentDraft draft, string slot, Ssml speech, string repromptKey) =>
        ResponseBuilder.Create()
            .Speak(speech)
            .Reprompt(input.Speech.Say(repromptKey))
            .ElicitSlot(slot, DialogIntent(draft, payeeName: null, elicited: slot))
            .Build();

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
            },
        };
    }

    /// <summary>Drops the payment and says so. Only reached while nothing is journalled, so "nothing was sent" is true.</summary>
    private static Ssml Cancel(HandlerInput input, ConversationState state)
    {
        var said = state.Transfer is { } transfer
            ? input.Speech.Say(SpeechKeys.SendCancelled, transfer.PayeeName)
            : input.Speech.Say(SpeechKeys.SendCancelledNoPayee);
        Reset(state);
        return said;
    }

    private static SkillResponse Tell(HandlerInput input, Ssml speech) =>
        ResponseBuilder.Create().Speak(speech).EndSession().Build();

    private bool IsVerified(ConversationState state) =>
        state.PinVerifiedAt is { } at && time.GetUtcNow() - at <= pinOptions.Value.VerifiedFor;

    private static void Reset(ConversationState state)
    {
        state.Phase = Phase.Idle;
        state.Draft = null;
        state.Candidates = null;
        state.Transfer = null;
        state.Question = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation: {Phase} + {Input} → {Step}")]
    private static partial void LogStep(ILogger logger, Phase phase, Input input, Step step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me: the person's records were deleted")]
    private static partial void LogForgotten(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session resumed: token {Token}, status {StatusCode}, result {ResultStatus}")]
    private static partial void LogResumed(ILogger logger, string? token, string? statusCode, string? resultStatus);
}
