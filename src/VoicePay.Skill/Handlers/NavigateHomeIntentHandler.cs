using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

public sealed class NavigateHomeIntentHandler(ConversationStore conversations) : EndConversationHandler(IntentNames.NavigateHome, conversations);
