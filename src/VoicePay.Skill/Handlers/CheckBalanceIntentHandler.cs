using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"What's my balance", "how much is in savings": behind the voice PIN unless configured otherwise.</summary>
public sealed class CheckBalanceIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.CheckBalance, engine);
