using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Stop": as cancel.</summary>
public sealed class StopIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Stop, engine);
