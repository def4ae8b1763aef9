using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Cancel": a waiting payment is dropped, and the person told so.</summary>
public sealed class CancelIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Cancel, engine);
