using VoicePay.Skill.Banking;

namespace VoicePay.Skill.Payees;

/// <summary>What the person's words for "who to pay" came to. The hierarchy is closed: these four cases only.</summary>
public abstract record PayeeMatch
{
    private PayeeMatch()
    {
    }

    /// <summary>One payee, clearly. The conversation still confirms it before money moves.</summary>
    public sealed record Found(Payee Payee) : PayeeMatch;

    /// <summary>Two or three payees fit about equally well, best first; ask which one.</summary>
    public sealed record Ambiguous(IReadOnlyList<Payee> Candidates) : PayeeMatch;

    /// <summary>Nothing fits well enough. <paramref name="Heard"/> is what Alexa heard, to say back.</summary>
    public sealed record NotFound(string? Heard) : PayeeMatch;

    /// <summary>The slot is absent or empty: ask who to pay.</summary>
    public sealed record Missing : PayeeMatch;
}
