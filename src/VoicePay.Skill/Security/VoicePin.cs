namespace VoicePay.Skill.Security;

/// <summary>
/// A four-digit voice PIN as heard. It never prints itself: <see cref="ToString"/> is masked, so a PIN
/// cannot leak through a log template, an exception message or string interpolation by accident.
/// </summary>
public readonly struct VoicePin : IEquatable<VoicePin>
{
    public const int Length = 4;

    private readonly string? digits;

    private VoicePin(string digits) => this.digits = digits;

    /// <summary>Accepts exactly four ASCII digits, as AMAZON.FOUR_DIGIT_NUMBER delivers them.</summary>
    public static bool TryParse(string? spoken, out VoicePin pin)
    {
        var trimmed = spoken?.Trim();
        if (trimmed is { Length: Length } && trimmed.All(char.IsAsciiDigit))
        {
            pin = new VoicePin(trimmed);
            return true;
        }

        pin = default;
        return false;
    }

    /// <summary>The digits, for hashing only.</summary>
    internal ReadOnlySpan<char> Digits => digits ?? throw new InvalidOperationException("Empty PIN.");

    public override string ToString() => "****";

    public bool Equals(VoicePin other) => string.Equals(digits, other.digits, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is VoicePin other && Equals(other);

    public override int GetHashCode() => 0;

    public static bool operator ==(VoicePin left, VoicePin right) => left.Equals(right);

    public static bool operator !=(VoicePin left, VoicePin right) => !left.Equals(right);
}
