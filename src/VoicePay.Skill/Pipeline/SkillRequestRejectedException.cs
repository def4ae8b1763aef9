namespace VoicePay.Skill.Pipeline;

/// <summary>
/// The request must not be answered at all (for example it names another skill). Entry points
/// turn it into an HTTP 400 or a Lambda error; no handler has run.
/// </summary>
public sealed class SkillRequestRejectedException : Exception
{
    public SkillRequestRejectedException()
    {
    }

    public SkillRequestRejectedException(string message)
        : base(message)
    {
    }

    public SkillRequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
