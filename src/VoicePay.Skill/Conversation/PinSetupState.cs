using VoicePay.Skill.State;

namespace VoicePay.Skill.Conversation;

/// <summary>Why the person is choosing a PIN: the words at the end differ, the checks do not.</summary>
public enum PinSetupReason
{
    /// <summary>None was set up; offered when a request needed one.</summary>
    SetUp,

    /// <summary>"Change my PIN": the current one first.</summary>
    Change,

    /// <summary>"I forgot my PIN": a new code.</summary>
    Forgot,
}

/// <summary>
/// Where the set-up stands, kept server-side like the rest of <see cref="ConversationState"/> (a forged session
/// attribute could otherwise claim the code was right).
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="CodeId">CodeForPin: the bank's id of the code texted (the code itself is never known here).</param>
/// <param name="Proven">ChoosePin, RepeatPin: the bank verified the code, or the current PIN was verified.</param>
/// <param name="Chosen">RepeatPin: the new PIN as said once, as a PIN record (salt and MAC by the PIN key), never as digits.</param>
/// <param name="PersonId">Whose PIN is being set up: the recognized person who started, or null (the account's). Only they can go on.</param>
public sealed record PinSetup(PinSetupReason Reason, string? CodeId = null, bool Proven = false, StoredPin? Chosen = null, string? PersonId = null);
