using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>Answers several steps give in the same words.</summary>
public static class Replies
{
    /// <summary>A read the bank refused: a rejected sign-in means relinking; anything else, try later.</summary>
    public static Reply BankRefused(Reply reply, BankError? error) =>
        error == BankError.Unauthorized ? reply.LinkAccount() : reply.Tell(SpeechKeys.BankUnavailable);
}
