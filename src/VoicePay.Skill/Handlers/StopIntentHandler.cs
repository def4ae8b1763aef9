using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

public sealed class StopIntentHandler(ConversationStore conversations) : EndConversationHandler(IntentNames.Stop, conversations);
