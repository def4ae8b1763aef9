using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>Anything the model could not place: said back as a way forward, never as a change to a waiting payment.</summary>
public sealed class FallbackIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Fallback, engine);
