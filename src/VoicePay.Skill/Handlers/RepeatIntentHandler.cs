using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Repeat that", "say it again".</summary>
public sealed class RepeatIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Repeat, engine);
