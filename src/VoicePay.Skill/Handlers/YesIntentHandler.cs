using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Yes" outside a dialog directive (Alexa sends a confirmed intent inside one).</summary>
public sealed class YesIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Yes, engine);
