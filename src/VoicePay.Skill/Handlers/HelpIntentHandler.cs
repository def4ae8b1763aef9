using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Help": general help, or help with the question that waits for an answer.</summary>
public sealed class HelpIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Help, engine);
