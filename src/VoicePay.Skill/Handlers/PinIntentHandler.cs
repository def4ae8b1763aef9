using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

/// <summary>The person says their four-digit voice PIN; the action that waited for it runs.</summary>
public sealed class PinIntentHandler(
    ConversationStore conversations,
    VoicePinVerifier verifier,
    PendingActionRunner runner,
    IOptions<PinOptions> options,
    TimeProvider time) : IntentHandler(IntentNames.Pin)
{
    public override async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        if (state.AwaitingPin is not { } action || options.Value.Mode != PinMode.Skill)
        {
            return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNothingPending), SpeechKeys.FallbackReprompt);
        }

        if (input.AccessToken is null)
        {
            return Replies.LinkAccount(input);
        }

        // A misheard PIN ("?") is not an attempt: nothing was compared.
        if (!VoicePin.TryParse(input.IntentRequest!.Intent.SlotValue(SlotNames.Pin), out var pin))
        {
            return Replies.Ask(input, input.Speech.Say(SpeechKeys.PinNotUnderstood), SpeechKeys.PinReprompt);
        }

        var check = await verifier.CheckAsync(input.UserId, input.Request.RequestId ?? string.Empty, pin, cancellationToken);
        switch (check.Outcome)
        {
            case PinCheckOutcome.Verified:
                state.PinVerifiedAt = time.GetUtcNow();
                return await runner.RunAsync(input, state, action, cancellationToken);
            case PinCheckOutcome.Wrong:
                var speech = check.AttemptsLeft == 1
                    ? input.Speech.Say(SpeechKeys.PinWrongLastTry)
                    : input.Speech.Say(SpeechKeys.PinWrong, check.AttemptsLeft);
                return Replies.Ask(input, speech, SpeechKeys.PinReprompt);
            default:
                state.AwaitingPin = null;
                state.PendingTransfer = null;
                await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
                return Replies.Say(input, check.Outcome == PinCheckOutcome.Locked ? SpeechKeys.PinLocked : SpeechKeys.PinNotEnrolled);
        }
    }
}
