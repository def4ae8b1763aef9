using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Handlers;

/// <summary>Ends the session; anything half-done (a read-back, a PIN prompt) is dropped and the person told so.</summary>
public abstract class EndConversationHandler(string intentName, ConversationStore conversations) : IntentHandler(intentName)
{
    public override async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        var hadPending = state.PendingTransfer is not null || state.AwaitingPin is not null;
        if (hadPending)
        {
            state.PendingTransfer = null;
            state.AwaitingPin = null;
            await conversations.SaveAsync(input.UserId, input.SessionId, state, cancellationToken);
        }

        return ResponseBuilder.Create()
            .Speak(input.Speech.Say(hadPending ? SpeechKeys.SendCancelled : SpeechKeys.Goodbye))
            .EndSession()
            .Build();
    }
}
