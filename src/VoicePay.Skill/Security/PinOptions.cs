namespace VoicePay.Skill.Security;

public enum PinMode
{
    /// <summary>Our own four-digit voice PIN, hashed and locked out server-side.</summary>
    Skill,

    /// <summary>Alexa's profile PIN through <c>AMAZON.VerifyPerson</c> with the <c>VOICE_PIN</c> policy.</summary>
    AlexaVoicePin,
}

public sealed class PinOptions
{
    public PinMode Mode { get; set; } = PinMode.Skill;

    /// <summary>Base64 server-side secret keyed into every PIN hash. Loaded from SSM in AWS.</summary>
    public string Pepper { get; set; } = string.Empty;

    public int MaxAttempts { get; set; } = 3;

    public TimeSpan VerifiedFor { get; set; } = TimeSpan.FromMinutes(5);

    public bool RequiredForBalance { get; set; } = true;

    /// <summary>PBKDF2-HMAC-SHA256 iterations; see docs/security.md for the cost.</summary>
    public int Iterations { get; set; } = 100_000;
}
