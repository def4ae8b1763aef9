using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// A voice PIN the person sets up, changes or resets by voice (issue 19 item 4): the bank texts a one-time code to the
/// phone on file (or, for a change, the current PIN goes through the PIN gate and its lockout), then the new PIN is said
/// twice and saved as the same PIN record <c>voicepay pin set</c> writes (<see cref="VoicePinVerifier"/>'s store, made by
/// <see cref="PinProtector"/>; saving clears the lockout). Neither the code nor the PIN is ever spoken back, put in a
/// card or logged.
/// </summary>
public sealed partial class PinSetupFlow(
    IPaymentsApi bank,
    PinGate pin,
    VoicePinVerifier verifier,
    PinProtector protector,
    IUserStateStore store,
    IOptions<PinOptions> options,
    ILogger<PinSetupFlow> logger)
{
    private const int CodeDigits = 6;

    /// <summary>The steps this flow carries out (the engine hands them over as they are).</summary>
    public static bool Handles(Step step) => step is Step.ChangePin or Step.ForgotPin or Step.SendCode or Step.DeclinePinSetup
        or Step.CheckCode or Step.CheckOldPin or Step.TakeNewPin or Step.ConfirmNewPin or Step.AskSetupAgain or Step.HelpPinSetup
        or Step.StopPinSetup or Step.StopPinSetupAndEnd;

    public async Task<Phase> RunAsync(Transition row, TurnContext turn, CancellationToken cancellationToken)
    {
        // A set-up belongs to whoever started it (issue 19, item 5): another voice cannot finish it, nor hear whose it was.
        if (row.Step is Step.SendCode or Step.CheckCode or Step.CheckOldPin or Step.TakeNewPin or Step.ConfirmNewPin
            && turn.State.PinSetup is { } started && !turn.SpokenBy(started.PersonId))
        {
            turn.Reply.Say(SpeechKeys.SpeakerChangedPinSetup);
            return Phase.Idle;
        }

        switch (row.Step)
        {
            case Step.ChangePin:
                return await ChangeAsync(turn, cancellationToken);
            case Step.ForgotPin:
                return await SendCodeAsync(turn, PinSetupReason.Forgot, cancellationToken);
            case Step.SendCode:
                return await SendCodeAsync(turn, turn.State.PinSetup?.Reason ?? PinSetupReason.SetUp, cancellationToken);
            case Step.DeclinePinSetup:
                turn.Reply.Say(SpeechKeys.PinSetupDeclined);
                return Phase.Idle;
            case Step.CheckCode:
                return await CheckCodeAsync(turn, cancellationToken);
            case Step.CheckOldPin:
                return await CheckOldPinAsync(turn, cancellationToken);
            case Step.TakeNewPin:
                return await TakeNewPinAsync(turn, cancellationToken);
            case Step.ConfirmNewPin:
                return await ConfirmNewPinAsync(turn, cancellationToken);
            case Step.AskSetupAgain:
                return AskAgain(row.From, turn);
            case Step.HelpPinSetup:
                return Help(row.From, turn);
            case Step.StopPinSetup:
                Stop(turn);
                return Phase.Idle;
            default:
                Stop(turn);
                turn.Reply.Tell(SpeechKeys.Goodbye);
                return Phase.Idle;
        }
    }

    /// <summary>A PIN was needed and none is set up: offer to set one up (PinGate's refusal, in words that help).</summary>
    public static Phase Offer(TurnContext turn)
    {
        turn.State.PinSetup = new PinSetup(PinSetupReason.SetUp, PersonId: turn.PersonId);
        turn.Reply.Ask(turn.Input.Speech.Say(SpeechKeys.PinSetupOffer), SpeechKeys.PinSetupOfferReprompt);
        return Phase.OfferPinSetup;
    }

    /// <summary>Set-up stops: the PIN is as it was, and the person hears so.</summary>
    public static void Stop(TurnContext turn) => turn.Reply.Say(SpeechKeys.PinSetupStopped);

    private async Task<Phase> ChangeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (Refused(turn) is { } refused)
        {
            return refused;
        }

        switch (await verifier.ReadinessAsync(turn.Holder, cancellationToken))
        {
            case PinReadiness.NotEnrolled:
                return Offer(turn);
            case PinReadiness.Locked:
                // The lockout holds for a change too: only a code (a reset) gets past it.
                turn.Reply.Say(SpeechKeys.PinSetupLocked);
                return Phase.Idle;
        }

        // A PIN verified in this session is the current PIN already proven.
        if (pin.IsVerified(turn))
        {
            return Choose(turn, new PinSetup(PinSetupReason.Change, Proven: true, PersonId: turn.PersonId), SpeechKeys.PinSetupChooseAfterOld);
        }

        turn.State.PinSetup = new PinSetup(PinSetupReason.Change, PersonId: turn.PersonId);
        turn.Reply.Ask(turn.Input.Speech.Say(SpeechKeys.PinSetupAskOld), SpeechKeys.PinReprompt);
        return Phase.PinForChange;
    }

    /// <summary>The bank texts a new code (retiring any earlier one); the key makes a retried request text once.</summary>
    private async Task<Phase> SendCodeAsync(TurnContext turn, PinSetupReason reason, CancellationToken cancellationToken)
    {
        if (Refused(turn) is { } refused)
        {
            return refused;
        }

        var key = IdempotencyKeys.Derive("vc-", "send", turn.UserId, turn.Input.RequestId);
        var sent = await bank.SendVerificationCodeAsync(turn.Input.AccessToken!, key, cancellationToken);
        switch (sent.Error)
        {
            case null:
                var code = sent.Value!;
                turn.State.PinSetup = new PinSetup(reason, CodeId: code.Id, PersonId: turn.PersonId);
                var speech = turn.Input.Speech;
                turn.Reply.Ask(
                    code.PhoneLastDigits is { Length: 2 } digits && digits.All(char.IsAsciiDigit)
                        ? speech.Say(SpeechKeys.PinSetupCodeSent, string.Join(' ', digits.ToCharArray()))
                        : speech.Say(SpeechKeys.PinSetupCodeSentNoDigits),
                    SpeechKeys.PinSetupCodeReprompt);
                LogCodeSent(logger);
                return Phase.CodeForPin;
            case BankError.NoPhoneOnFile:
                turn.Reply.Say(SpeechKeys.PinSetupNoPhone);
                return Phase.Idle;
            case BankError.TooManyCodes:
                // The bank's limit on texts: nothing was sent, and the earlier code (if any) is not offered again.
                turn.Reply.Say(SpeechKeys.PinSetupTooManyCodes);
                return Phase.Idle;
            case BankError.Unauthorized:
                turn.Reply.LinkAccount();
                return Phase.Idle;
            default:
                turn.Reply.Say(SpeechKeys.BankUnavailable);
                return Phase.Idle;
        }
    }

    private async Task<Phase> CheckCodeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (state, reply, speech) = (turn.State, turn.Reply, turn.Input.Speech);
        var setup = state.PinSetup!;
        var heard = turn.Input.IntentRequest?.Intent.SlotValue(SlotNames.Code)?.Trim();

        // A misheard code is not a try: the bank is not asked.
        if (heard is not { Length: CodeDigits } || !heard.All(char.IsAsciiDigit))
        {
            reply.Ask(speech.Say(SpeechKeys.PinSetupCodeNotUnderstood), SpeechKeys.PinSetupCodeReprompt);
            return Phase.CodeForPin;
        }

        if (turn.Input.AccessToken is null)
        {
            reply.LinkAccount();
            return Phase.Idle;
        }

        var key = IdempotencyKeys.Derive("vc-", "check", turn.UserId, turn.Input.RequestId, setup.CodeId!);
        var check = await bank.CheckVerificationCodeAsync(turn.Input.AccessToken, setup.CodeId!, heard, key, cancellationToken);
        switch (check.Error)
        {
            case BankError.Unauthorized:
                reply.LinkAccount();
                return Phase.Idle;
            case BankError.VerificationCodeNotFound:
                return OfferNew(turn, setup, SpeechKeys.PinSetupCodeLocked);
            case not null:
                reply.Ask(speech.Say(SpeechKeys.PinSetupCodeUnavailable), SpeechKeys.PinSetupCodeReprompt);
                return Phase.CodeForPin;
        }

        var result = check.Value!;
        LogCodeChecked(logger, result.Status);
        switch (result.Status)
        {
            case CodeCheckStatus.Verified:
                return Choose(turn, setup with { CodeId = null, Proven = true }, SpeechKeys.PinSetupChoose);
            case CodeCheckStatus.Wrong:
                reply.Ask(
                    result.AttemptsLeft == 1 ? speech.Say(SpeechKeys.PinSetupCodeWrongLastTry) : speech.Say(SpeechKeys.PinSetupCodeWrong, result.AttemptsLeft),
                    SpeechKeys.PinSetupCodeReprompt);
                return Phase.CodeForPin;
            case CodeCheckStatus.Expired:
                return OfferNew(turn, setup, SpeechKeys.PinSetupCodeExpired);
            default:
                return OfferNew(turn, setup, SpeechKeys.PinSetupCodeLocked);
        }
    }

    /// <summary>The current PIN, through the one PIN gate: counted, and refused once locked.</summary>
    private async Task<Phase> CheckOldPinAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        var answer = await pin.CheckAsync(turn, cancellationToken);
        switch (answer.Result)
        {
            case PinGateResult.Verified:
                return Choose(turn, turn.State.PinSetup! with { Proven = true }, SpeechKeys.PinSetupChooseAfterOld);
            case PinGateResult.AskedAgain:
                answer.SayTo(turn.Reply);
                return Phase.PinForChange;
            default:
                if (await verifier.ReadinessAsync(turn.Holder, cancellationToken) == PinReadiness.Locked)
                {
                    turn.Reply.Say(SpeechKeys.PinSetupLocked);
                }
                else
                {
                    answer.SayTo(turn.Reply);
                }

                return Phase.Idle;
        }
    }

    /// <summary>The new PIN said once: kept as a PIN record (a MAC by the PIN key), never as digits, until it is said again.</summary>
    private async Task<Phase> TakeNewPinAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (state, reply, speech) = (turn.State, turn.Reply, turn.Input.Speech);
        if (!VoicePin.TryParse(turn.Input.IntentRequest?.Intent.SlotValue(SlotNames.Pin), out var chosen))
        {
            reply.Ask(speech.Say(SpeechKeys.PinSetupChooseNotUnderstood), SpeechKeys.PinSetupChooseReprompt);
            return Phase.ChoosePin;
        }

        // A PIN a thief tries first is no protection: refused before it is kept, and never said back.
        if (PinStrength.IsEasyToGuess(chosen))
        {
            reply.Ask(speech.Say(SpeechKeys.PinSetupChooseEasy), SpeechKeys.PinSetupChooseReprompt);
            return Phase.ChoosePin;
        }

        StoredPin record;
        try
        {
            record = await protector.ProtectAsync(turn.Holder, chosen, cancellationToken);
        }
        catch (PinMacUnavailableException ex)
        {
            LogKeyUnavailable(logger, ex.Message);
            reply.Say(SpeechKeys.PinSetupUnavailable);
            return Phase.Idle;
        }

        state.PinSetup = state.PinSetup! with { Chosen = record };
        reply.Ask(speech.Say(SpeechKeys.PinSetupRepeat), SpeechKeys.PinSetupRepeatReprompt);
        return Phase.RepeatPin;
    }

    /// <summary>The new PIN said again: the same, the record made from the first is saved (clearing any lockout); not, choose again.</summary>
    private async Task<Phase> ConfirmNewPinAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (state, reply, speech) = (turn.State, turn.Reply, turn.Input.Speech);
        var setup = state.PinSetup!;
        if (!VoicePin.TryParse(turn.Input.IntentRequest?.Intent.SlotValue(SlotNames.Pin), out var again))
        {
            reply.Ask(speech.Say(SpeechKeys.PinSetupRepeatNotUnderstood), SpeechKeys.PinSetupRepeatReprompt);
            return Phase.RepeatPin;
        }

        bool same;
        try
        {
            same = await protector.VerifyAsync(turn.Holder, again, setup.Chosen!, cancellationToken);
        }
        catch (PinMacUnavailableException ex)
        {
            LogKeyUnavailable(logger, ex.Message);
            reply.Say(SpeechKeys.PinSetupUnavailable);
            return Phase.Idle;
        }

        if (!same)
        {
            return Choose(turn, setup with { Chosen = null }, SpeechKeys.PinSetupMismatch);
        }

        await store.SetPinAsync(turn.Holder, setup.Chosen!, cancellationToken);
        LogPinSaved(logger, setup.Reason);
        reply.Ask(speech.Say(SpeechKeys.PinSetupSaved), SpeechKeys.PinSetupSavedReprompt);
        return Phase.Idle;
    }

    private static Phase Choose(TurnContext turn, PinSetup setup, string key)
    {
        turn.State.PinSetup = setup;
        turn.Reply.Ask(turn.Input.Speech.Say(key), SpeechKeys.PinSetupChooseReprompt);
        return Phase.ChoosePin;
    }

    /// <summary>The code can no longer pass (expired, worn out, replaced): say so and offer a new one.</summary>
    private static Phase OfferNew(TurnContext turn, PinSetup setup, string key)
    {
        turn.State.PinSetup = setup with { CodeId = null };
        turn.Reply.Ask(turn.Input.Speech.Say(key), SpeechKeys.PinSetupOfferNew);
        return Phase.OfferPinSetup;
    }

    private static Phase AskAgain(Phase phase, TurnContext turn)
    {
        var (reply, speech) = (turn.Reply, turn.Input.Speech);
        switch (phase)
        {
            case Phase.CodeForPin:
                // Four digits where six are awaited is a PIN said too early, or a misheard code: not a try either way.
                reply.Ask(speech.Say(turn.Kind == Input.Pin ? SpeechKeys.PinSetupCodeNotUnderstood : SpeechKeys.PinSetupCodeAgain), SpeechKeys.PinSetupCodeReprompt);
                break;
            case Phase.ChoosePin:
                reply.Ask(speech.Say(SpeechKeys.PinSetupChooseAgain), SpeechKeys.PinSetupChooseReprompt);
                break;
            case Phase.RepeatPin:
                reply.Ask(speech.Say(SpeechKeys.PinSetupRepeatReprompt), SpeechKeys.PinSetupRepeatReprompt);
                break;
            case Phase.PinForChange:
                reply.Ask(speech.Say(SpeechKeys.PinSetupAskOldAgain), SpeechKeys.PinReprompt);
                break;
            default:
                reply.Ask(speech.Say(turn.State.PinSetup?.Reason == PinSetupReason.SetUp ? SpeechKeys.PinSetupOffer : SpeechKeys.PinSetupOfferNew), SpeechKeys.PinSetupOfferReprompt);
                break;
        }

        return phase;
    }

    private static Phase Help(Phase phase, TurnContext turn)
    {
        var (key, reprompt) = phase switch
        {
            Phase.CodeForPin => (SpeechKeys.PinSetupHelpCode, SpeechKeys.PinSetupCodeReprompt),
            Phase.ChoosePin => (SpeechKeys.PinSetupHelpChoose, SpeechKeys.PinSetupChooseReprompt),
            Phase.RepeatPin => (SpeechKeys.PinSetupHelpRepeat, SpeechKeys.PinSetupRepeatReprompt),
            Phase.PinForChange => (SpeechKeys.PinSetupHelpOld, SpeechKeys.PinReprompt),
            _ => (SpeechKeys.PinSetupHelpOffer, SpeechKeys.PinSetupOfferReprompt),
        };
        turn.Reply.Ask(turn.Input.Speech.Say(key), reprompt);
        return phase;
    }

    /// <summary>Not linked: link first. Alexa's own voice PIN: set up and changed in the Alexa app, not here.</summary>
    private Phase? Refused(TurnContext turn)
    {
        if (turn.Input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        if (options.Value.Mode != PinMode.Skill)
        {
            turn.Reply.Say(SpeechKeys.PinSetupAlexaManaged);
            return Phase.Idle;
        }

        return null;
    }

    /// <summary>The bank's idempotency key for one request's call: Alexa's retry of the request texts once and counts once.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Voice PIN set-up: the bank texted a code")]
    private static partial void LogCodeSent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice PIN set-up: the bank checked a code: {Status}")]
    private static partial void LogCodeChecked(ILogger logger, CodeCheckStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice PIN set-up: a new PIN was saved ({Reason})")]
    private static partial void LogPinSaved(ILogger logger, PinSetupReason reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice PIN set-up: the PIN key did not answer ({Reason}); nothing was saved")]
    private static partial void LogKeyUnavailable(ILogger logger, string reason);
}
