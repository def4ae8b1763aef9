namespace VoicePay.Composition;

/// <summary>Section names under <c>VoicePay</c>; docs/configuration.md lists every key.</summary>
public static class ConfigurationKeys
{
    public const string Root = "VoicePay";
    public const string SkillId = "SkillId";
    public const string Pin = "Pin";
    public const string Limits = "Limits";
    public const string Storage = "Storage";
    public const string Payments = "Payments";
}
