using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"One two three four": the voice PIN, for whatever waits for it.</summary>
public sealed class PinIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.Pin, engine);
