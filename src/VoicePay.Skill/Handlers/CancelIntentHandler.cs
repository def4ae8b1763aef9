using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

public sealed class CancelIntentHandler(ConversationStore conversations) : EndConversationHandler(IntentNames.Cancel, conversations);
