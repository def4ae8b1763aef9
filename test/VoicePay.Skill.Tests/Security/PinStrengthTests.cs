using VoicePay.Skill.Security;

namespace VoicePay.Skill.Tests.Security;

public sealed class PinStrengthTests
{
    [Theory]
    [InlineData("0000")]
    [InlineData("1111")]
    [InlineData("9999")]
    [InlineData("0123")]
    [InlineData("1234")]
    [InlineData("6789")]
    [InlineData("9876")]
    [InlineData("4321")]
    [InlineData("3210")]
    [InlineData("1212")]
    [InlineData("1004")]
    [InlineData("2000")]
    [InlineData("6969")]
    public void Pins_a_thief_guesses_first_are_easy(string digits) => Assert.True(PinStrength.IsEasyToGuess(Pin(digits)));

    [Theory]
    [InlineData("5571")]
    [InlineData("5927")]
    [InlineData("1235")]
    [InlineData("8901")]
    [InlineData("1110")]
    [InlineData("2468")]
    [InlineData("0987")]
    public void Other_pins_are_not(string digits) => Assert.False(PinStrength.IsEasyToGuess(Pin(digits)));

    private static VoicePin Pin(string digits) => VoicePin.TryParse(digits, out var pin) ? pin : throw new ArgumentException("not a PIN", nameof(digits));
}
