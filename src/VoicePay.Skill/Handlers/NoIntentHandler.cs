using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"No" outside a dialog directive (Alexa sends a denied intent inside one).</summary>
public sealed class NoIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.No, engine);
