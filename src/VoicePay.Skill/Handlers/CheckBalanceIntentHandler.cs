using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>"What's my balance", "how much is in savings": behind the voice PIN unless configured otherwise.</summary>
public sealed class CheckBalanceIntentHandler(PinGate pinGate) : IntentHandler(IntentNames.CheckBalance)
{
    public override Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        pinGate.ReadAccountsAsync(
            input,
            new PendingAction(PendingActionKind.Balance, Account: BalanceReply.KindFrom(input.IntentRequest!.Intent)),
            cancellationToken);
}
