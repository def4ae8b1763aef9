using VoicePay.Skill.Payees;

namespace VoicePay.Skill.Tests.Payees;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("Tom & Jerry's Bakery", "tom and jerrys bakery")]
    [InlineData("  José   Álvarez ", "jose alvarez")]
    [InlineData("Zoë O'Brien-Straße", "zoe obrien strasse")]
    [InlineData("ALICE SMITH!", "alice smith")]
    [InlineData("?!", "")]
    [InlineData(null, "")]
    public void Names_are_compared_without_case_accents_or_punctuation(string? text, string expected)
    {
        Assert.Equal(expected, NameText.Normalize(text));
    }
}
