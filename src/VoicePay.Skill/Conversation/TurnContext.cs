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

    /// <summary>The recognized speaker of this turn, or null (an unrecognized voice). Never spoken, shown or logged.</summary>
    public string? PersonId => input.PersonId;

    /// <summary>Whose voice PIN this turn's PIN is: the recognized person's, or the account's for an unrecognized voice.</summary>
    public State.PinHolder Holder => new(input.UserId, input.PersonId);

    /// <summary>Whether this turn's speaker is the one who started what waits (<paramref name="personId"/> null: an unrecognized voice).</summary>
    public bool SpokenBy(string? personId) => string.Equals(input.PersonId, personId, StringComparison.Ordinal);
}
