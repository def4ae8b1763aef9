using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"What are my recent transactions", "my last five transactions" (three by default).</summary>
public sealed class RecentTransactionsIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.RecentTransactions, engine);
