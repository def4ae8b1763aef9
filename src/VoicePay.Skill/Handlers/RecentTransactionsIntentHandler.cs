using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>"What are my recent transactions", "my last five transactions" (three by default).</summary>
public sealed class RecentTransactionsIntentHandler(PinGate pinGate) : IntentHandler(IntentNames.RecentTransactions)
{
    public override Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken) =>
        pinGate.ReadAccountsAsync(
            input,
            new PendingAction(PendingActionKind.Transactions, Count: TransactionsReply.CountFrom(input.IntentRequest!.Intent)),
            cancellationToken);
}
