using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Tests.Pipeline;

public sealed class SpeechCatalogTests
{
    private static readonly SpeechCatalogs Catalogs = new();

    public static TheoryData<string> Keys() =>
        [.. typeof(SpeechKeys).GetFields().Select(f => (string)f.GetRawConstantValue()!).Concat(VoicePay.Skill.Conversation.AlertsReply.AlertKeys)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_is_spoken_in_every_locale_as_well_formed_ssml(string key)
    {
        foreach (var locale in SpeechCatalogs.SupportedLocales)
        {
            var template = Catalogs.For(locale).Template(key);
            var args = Enumerable.Repeat<object?>("x", 8).ToArray();
            _ = System.Xml.Linq.XDocument.Parse(Catalogs.For(locale).Say(key, args).ToSpeak());
            Assert.False(string.IsNullOrWhiteSpace(template));
        }
    }

    [Fact]
    public void Locales_have_the_same_keys()
    {
        Assert.Equal(
            Catalogs.For("en-US").Keys.Order(StringComparer.Ordinal),
            Catalogs.For("en-GB").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_key_says_which()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Catalogs.For("en-US").Say("No.Such.Key"));
        Assert.Contains("No.Such.Key", error.Message, StringComparison.Ordinal);
    }
}
