namespace VoicePay.Skill.Pipeline;

public sealed class SkillOptions
{
    /// <summary>The skill's application ID; requests naming any other skill are rejected.</summary>
    public string SkillId { get; set; } = string.Empty;
}
