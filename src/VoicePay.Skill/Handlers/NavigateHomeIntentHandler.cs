using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>Leaving the skill on a screen device: as cancel.</summary>
public sealed class NavigateHomeIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.NavigateHome, engine);
