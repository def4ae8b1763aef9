using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Read my alerts": the bank alerts not yet heard, always behind the voice PIN.</summary>
public sealed class ReadAlertsIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.ReadAlerts, engine);
