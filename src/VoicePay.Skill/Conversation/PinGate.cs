using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>What the PIN gate decided about this turn's PIN.</summary>
public enum PinGateResult
{
    /// <summary>Right PIN (or Alexa's voice PIN achieved): go on with what waits.</summary>
    Verified,

    /// <summary>Wrong, misheard or busy: asked again; what waits keeps waiting.</summary>
    AskedAgain,

    /// <summary>Locked, not set up, or not verified by Alexa: said so; what waits is dropped.</summary>
    Refused,

    /// <summary>
    /// This voice has no PIN of its own (issue 19, item 5: another member of the household answered the PIN question):
    /// nothing was compared; what waits is dropped, and the engine offers set-up where the phase allows it.
    /// </summary>
    NotSetUp,
}

/// <summary>What the PIN is asked for: a refusal names what cannot be done.</summary>
public enum PinUse
{
    Payment,
    Accounts,
    Alerts,
    Forget,

    /// <summary>A move between the person's own accounts: refused as a payment is, in words of its own ("no money was moved").</summary>
    Move,
}

/// <summary>
/// The one PIN gate: whether the PIN was verified in this session, asking for it in words that fit
/// what waits, refusing early when it cannot succeed, and checking it (the skill's own PIN or
/// Alexa's <c>AMAZON.VerifyPerson</c>).
/// </summary>
public sealed partial class PinGate(VoicePinVerifier verifier, IOptions<PinOptions> options, TimeProvider time, ILogger<PinGate> logger)
{
    public const string VerifyPersonToken = "voicepay-verify-person";

    /// <summary>A PIN verified in this session, recently, by this turn's speaker: another voice's PIN does not count for them.</summary>
    public bool IsVerified(TurnContext turn) =>
        turn.State.PinVerifiedAt is { } at && time.GetUtcNow() - at <= options.Value.VerifiedFor && turn.SpokenBy(turn.State.PinVerifiedBy);

    /// <summary>
    /// With <see cref="UnrecognizedVoices.BalancesOnly"/>, a voice Alexa did not recognize sends and moves no money
    /// (issue 19, item 5).
    /// </summary>
    public bool RefusesMoney(TurnContext turn) =>
        turn.PersonId is null && options.Value.UnrecognizedVoices == UnrecognizedVoices.BalancesOnly;

    /// <summary>
    /// Refuses, before asking for a PIN that cannot succeed, in words that fit what was asked: locked (ends in Idle), or
    /// none set up, when it offers to set one up (<see cref="PinSetupFlow.Offer"/>, ends in OfferPinSetup). Null: ready.
    /// </summary>
    public async Task<Phase?> RefuseIfNotReadyAsync(TurnContext turn, PinUse use, CancellationToken cancellationToken)
    {
        if (options.Value.Mode != PinMode.Skill)
        {
            return null;
        }

        switch (await verifier.ReadinessAsync(turn.Holder, cancellationToken))
        {
            case PinReadiness.NotEnrolled:
                return PinSetupFlow.Offer(turn);
            case PinReadiness.Locked:
                turn.Reply.Tell(LockedKey(use));
                return Phase.Idle;
            default:
                return null;
        }
    }

    /// <summary>Asks for the PIN, in words that fit what waits in the turn's state (set up by the caller).</summary>
    public void Ask(TurnContext turn, bool again)
    {
        var reply = turn.Reply;
        if (options.Value.Mode == PinMode.AlexaVoicePin)
        {
            reply.Directive(new StartConnectionDirective
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
            });
            return;
        }

        var speech = turn.Input.Speech;
        var state = turn.State;
        var question = state is { Move: not null } ? speech.Say(SpeechKeys.PinAskForMove)
            : state is { Draft: not null, Confirmed: null, Question: null } ? speech.Say(SpeechKeys.PinAskForAccountLookup)
            : !again ? speech.Say(SpeechKeys.PinAsk)
            : state.Confirmed is { Transfer: { } transfer } ? speech.Say(SpeechKeys.PinAskForPayment, MoneyText.Format(transfer.Money), transfer.PayeeName)
            : state.Confirmed is { Kind: ConfirmedActionKind.Forget } ? speech.Say(SpeechKeys.PinAskForForget)
            : state.Question is { Kind: AccountQuestionKind.Alerts } ? speech.Say(SpeechKeys.PinAskForAlerts)
            : speech.Say(SpeechKeys.PinAskForAccounts);
        reply.Ask(question, SpeechKeys.PinReprompt);
    }

    public static void Help(TurnContext turn)
    {
        var speech = turn.Input.Speech;
        var state = turn.State;
        var help = state is { Move: not null } ? speech.Say(SpeechKeys.PinHelpMove)
            : state is { Draft: not null, Confirmed: null, Question: null } ? speech.Say(SpeechKeys.PinHelpAccountLookup)
            : state.Confirmed is { Transfer: { } transfer } ? speech.Say(SpeechKeys.PinHelpPayment, MoneyText.Format(transfer.Money), transfer.PayeeName)
            : state.Confirmed is { Kind: ConfirmedActionKind.Forget } ? speech.Say(SpeechKeys.PinHelpForget)
            : state.Question is { Kind: AccountQuestionKind.Alerts } ? speech.Say(SpeechKeys.PinHelpAlerts)
            : speech.Say(SpeechKeys.PinHelpAccounts);
        turn.Reply.Ask(help, SpeechKeys.PinReprompt);
    }

    /// <summary>
    /// Checks this turn's PIN. Anything but <see cref="PinGateResult.Verified"/> comes with its words,
    /// said by <see cref="PinCheckAnswer.SayTo"/> once the caller knows nothing more urgent is news.
    /// </summary>
    public async Task<PinCheckAnswer> CheckAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var use = UseOf(turn.State);

        // What waits was confirmed by another voice (issue 19, item 5): this PIN is not compared or counted, and nothing
        // is done. The words say neither whose voice it was nor whose it was not.
        if (turn.State.Confirmed is { } confirmed && !turn.SpokenBy(confirmed.PersonId))
        {
            var key = confirmed.Kind == ConfirmedActionKind.Forget ? SpeechKeys.SpeakerChangedForget
                : confirmed.Transfer?.To is not null ? SpeechKeys.SpeakerChangedMove
                : SpeechKeys.SpeakerChangedPayment;
            return new(PinGateResult.Refused, reply => reply.Say(key));
        }

        if (turn.Input.Request is SessionResumedRequest resumed)
        {
            return Resumed(turn, resumed, use);
        }

        if (options.Value.Mode != PinMode.Skill)
        {
            return new(PinGateResult.AskedAgain, reply => Ask(turn, again: true));
        }

        // A misheard PIN ("?") is not an attempt: nothing was compared.
        if (!VoicePin.TryParse(turn.Input.IntentRequest!.Intent.SlotValue(SlotNames.Pin), out var pin))
        {
            return new(PinGateResult.AskedAgain, reply => reply.Ask(reply.Input.Speech.Say(SpeechKeys.PinNotUnderstood), SpeechKeys.PinReprompt));
        }

        var check = await verifier.CheckAsync(turn.Holder, turn.Input.RequestId, pin, cancellationToken);
        switch (check.Outcome)
        {
            case PinCheckOutcome.Verified:
                Verified(turn);
                return new(PinGateResult.Verified, static _ => { });
            case PinCheckOutcome.Wrong:
                return new(PinGateResult.AskedAgain, reply => reply.Ask(
                    check.AttemptsLeft == 1 ? reply.Input.Speech.Say(SpeechKeys.PinWrongLastTry) : reply.Input.Speech.Say(SpeechKeys.PinWrong, check.AttemptsLeft),
                    SpeechKeys.PinReprompt));
            case PinCheckOutcome.Busy:
                return new(PinGateResult.AskedAgain, reply => reply.Ask(reply.Input.Speech.Say(SpeechKeys.PinBusy), SpeechKeys.PinReprompt));
            case PinCheckOutcome.Unavailable:
                // The PIN key did not answer: nothing was compared or counted, and what waits for the PIN still waits.
                return new(PinGateResult.AskedAgain, reply => reply.Ask(reply.Input.Speech.Say(SpeechKeys.PinUnavailable), SpeechKeys.PinReprompt));
            case PinCheckOutcome.Locked:
                return new(PinGateResult.Refused, reply => reply.Tell(LockedKey(use)));
            default:
                return new(PinGateResult.NotSetUp, reply => reply.Tell(SpeechKeys.PinNotEnrolled));
        }
    }

    /// <summary>The PIN counts from now, for this turn's speaker only.</summary>
    private void Verified(TurnContext turn)
    {
        turn.State.PinVerifiedAt = time.GetUtcNow();
        turn.State.PinVerifiedBy = turn.PersonId;
    }

    /// <summary>What waits for the PIN in <paramref name="state"/>.</summary>
    public static PinUse UseOf(ConversationState state) => state switch
    {
        { Confirmed.Kind: ConfirmedActionKind.Payment, Transfer.To: not null } => PinUse.Move,
        { Confirmed.Kind: ConfirmedActionKind.Payment } => PinUse.Payment,
        { Confirmed.Kind: ConfirmedActionKind.Forget } => PinUse.Forget,
        { Question.Kind: AccountQuestionKind.Alerts } => PinUse.Alerts,

        // A move between the person's own accounts moves money: locked, it is refused as a payment is.
        { Move: not null } => PinUse.Move,

        // A payment from a named account: the PIN comes before the account is looked up and read back.
        { Draft: not null, Question: null } => PinUse.Payment,
        _ => PinUse.Accounts,
    };

    /// <summary>
    /// Our own lockout: the words say how to lift it, "I forgot my PIN" (a texted code, then a new PIN; saving it clears the
    /// lock, PinSetupFlow), since the skill can do that itself.
    /// </summary>
    private static string LockedKey(PinUse use) => use switch
    {
        PinUse.Payment => SpeechKeys.PinLockedPaymentForgotPin,
        PinUse.Move => SpeechKeys.PinLockedMoveForgotPin,
        PinUse.Forget => SpeechKeys.PinLockedForgetForgotPin,
        PinUse.Alerts => SpeechKeys.PinLockedAlertsForgotPin,
        _ => SpeechKeys.PinLockedAccountsForgotPin,
    };

    /// <summary>Alexa's lockout of its own voice PIN (<c>METHOD_LOCKOUT</c>): "I forgot my PIN" cannot lift it, so it is not offered.</summary>
    private static string AlexaLockedKey(PinUse use) => use switch
    {
        PinUse.Payment => SpeechKeys.PinLockedPayment,
        PinUse.Move => SpeechKeys.PinLockedMove,
        PinUse.Forget => SpeechKeys.PinLockedForget,
        PinUse.Alerts => SpeechKeys.PinLockedAlerts,
        _ => SpeechKeys.PinLockedAccounts,
    };

    private static string NotAchievedKey(PinUse use) => use switch
    {
        PinUse.Payment => SpeechKeys.VerifyPersonNotAchieved,
        PinUse.Move => SpeechKeys.VerifyPersonNotAchievedMove,
        PinUse.Forget => SpeechKeys.VerifyPersonNotAchievedForget,
        PinUse.Alerts => SpeechKeys.VerifyPersonNotAchievedAlerts,
        _ => SpeechKeys.VerifyPersonNotAchievedAccounts,
    };

    private PinCheckAnswer Resumed(TurnContext turn, SessionResumedRequest resumed, PinUse use)
    {
        var cause = resumed.Cause;
        var status = cause?.Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
        LogResumed(logger, cause?.Token, cause?.Status?.Code, status);
        if (cause?.Token != VerifyPersonToken)
        {
            return new(PinGateResult.AskedAgain, reply => Ask(turn, again: true));
        }

        if (cause.Status?.Code == "200" && status == "ACHIEVED")
        {
            Verified(turn);
            return new(PinGateResult.Verified, static _ => { });
        }

        var key = status switch
        {
            "NOT_ENABLED" => SpeechKeys.VerifyPersonNotEnabled,
            "METHOD_LOCKOUT" => AlexaLockedKey(use),
            _ => NotAchievedKey(use),
        };
        return new(PinGateResult.Refused, reply => reply.Tell(key));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session resumed: token {Token}, status {StatusCode}, result {ResultStatus}")]
    private static partial void LogResumed(ILogger logger, string? token, string? statusCode, string? resultStatus);
}

/// <summary>What the PIN gate decided, and the words for it.</summary>
public readonly record struct PinCheckAnswer(PinGateResult Result, Action<Reply> SayTo);
