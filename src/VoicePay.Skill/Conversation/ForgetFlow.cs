using Microsoft.Extensions.Logging;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>"Forget me": read back like a payment, confirmed, then behind the PIN; deletes what <c>SkillDisabled</c> deletes.</summary>
public sealed partial class ForgetFlow(IPersonalData personalData, PinGate pin, TimeProvider time, ILogger<ForgetFlow> logger)
{
    public static Phase ReadBack(TurnContext turn, bool again)
    {
        turn.Reply.Ask(turn.Input.Speech.Say(again ? SpeechKeys.ForgetReadBackAgain : SpeechKeys.ForgetReadBack), SpeechKeys.ForgetReprompt);
        return Phase.ConfirmForget;
    }

    public async Task<Phase> ConfirmAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (input, state) = (turn.Input, turn.State);
        if (input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        state.Confirmed = new ConfirmedAction(ConfirmedActionKind.Forget, input.SessionId ?? string.Empty, time.GetUtcNow(), PersonId: turn.PersonId);
        if (pin.IsVerified(turn))
        {
            return await ForgetAsync(turn, cancellationToken);
        }

        if (await pin.RefuseIfNotReadyAsync(turn, PinUse.Forget, cancellationToken) is { } refused)
        {
            return refused;
        }

        pin.Ask(turn, again: false);
        return Phase.PinForForget;
    }

    /// <summary>Deletes what Voice Pay keeps about the person and says so; nothing is saved after it.</summary>
    public async Task<Phase> ForgetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        await personalData.ForgetAsync(turn.UserId, time.GetUtcNow(), cancellationToken);
        LogForgotten(logger);
        turn.State.Forgotten = true;
        turn.Reply.Tell(SpeechKeys.ForgetDone);
        return Phase.Idle;
    }

    /// <summary>Nothing is deleted, and the person hears so.</summary>
    public static void Keep(TurnContext turn) => turn.Reply.Say(SpeechKeys.ForgetKept);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me: the person's records were deleted")]
    private static partial void LogForgotten(ILogger logger);
}
