using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Pipeline;

public sealed class SkillOptions
{
    /// <summary>The skill's application ID; requests naming any other skill are rejected.</summary>
    [Required]
    public string SkillId { get; set; } = string.Empty;
}

/// <summary>Generated at compile time (no reflection over the attributes, AOT-safe).</summary>
[OptionsValidator]
public sealed partial class SkillOptionsValidator : IValidateOptions<SkillOptions>;
