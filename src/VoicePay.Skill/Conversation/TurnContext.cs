using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Conversation;

/// <summary>One turn of the conversation as the flows see it: the request, its classified input, the state, the reply being built.</summary>
public sealed class TurnContext(HandlerInput input, Input kind, ConversationState state)
{
    public HandlerInput Input => input;

    public Input Kind => kind;

    public ConversationState State => state;

    public Reply Reply { get; } = new(input);

    public string UserId => input.UserId;
}
