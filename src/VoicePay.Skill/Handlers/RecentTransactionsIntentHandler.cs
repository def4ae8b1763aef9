using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Skill.Handlers;

/// <summary>"What are my recent transactions", "my last five transactions" (three by default).</summary>
public sealed class RecentTransactionsIntentHandler(
    ConversationStore conversations,
    PinGate pinGate,
    TransactionsReply transactions,
    IOptions<PinOptions> pinOptions) : IntentHandler(IntentNames.RecentTransactions)
{
    public override async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        if (input.AccessToken is null)
        {
            return Replies.LinkAccount(input);
        }

        var count = TransactionsReply.CountFrom(input.IntentRequest!.Intent);
        if (!pinOptions.Value.RequiredForBalance)
        {
            return await transactions.BuildAsync(input, count, cancellationToken);
        }

        var state = await conversations.LoadAsync(input.UserId, input.SessionId, cancellationToken);
        return await pinGate.RequireAsync(input, state, new PendingAction(PendingActionKind.Transactions, Count: count), cancellationToken);
    }
}
