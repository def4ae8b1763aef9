using VoicePay.Skill.Conversation;

namespace VoicePay.Skill.Handlers;

/// <summary>"Forget me": after a read-back and the voice PIN, deletes what Voice Pay keeps about the person.</summary>
public sealed class ForgetMeIntentHandler(ConversationEngine engine) : ConversationIntentHandler(IntentNames.ForgetMe, engine);
