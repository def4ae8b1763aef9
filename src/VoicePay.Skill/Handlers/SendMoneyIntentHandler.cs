using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Send twenty dollars to Alice", and the answers to its questions (amount, payee, yes or no to the read-back).</summary>
public sealed class SendMoneyIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.SendMoney, engine);
