using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Skill.Handlers;

/// <summary>"What's my balance", "how much is in savings": behind the voice PIN unless configured otherwise.</summary>
public sealed class CheckBalanceIntentHandler(
    ConversationStore conversations,
    PinGate pinGate,
    BalanceReply balances,
    IOptions<PinOptions> pinOptions) : IntentHandler(IntentNames.CheckBalance)
{
    public override async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            return Replies.LinkAccount(input);
        }

        var kind = BalanceReply.KindFrom(input.IntentRequest!.Intent);
        if (!pinOptions.Value.RequiredForBalance)
        {
            return await balances.BuildAsync(input, kind, cancellationToken);
        }

        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        return await pinGate.RequireAsync(input, state, new PendingAction(PendingActionKind.Balance, Account: kind), cancellationToken);
    }
}
