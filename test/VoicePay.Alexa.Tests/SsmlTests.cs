using System.Globalization;
using System.Xml.Linq;
using FsCheck.Xunit;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Tests;

public sealed class SsmlTests
{
    [Property(MaxTest = 500)]
    public bool Any_text_makes_well_formed_speech_that_says_the_same_words(string? text)
    {
        var speak = Ssml.Text(text).ToSpeak();

        var parsed = XDocument.Parse(speak, LoadOptions.PreserveWhitespace);

        // XML itself normalizes line ends; Alexa hears no difference.
        var expected = new string((text ?? string.Empty).Where(c => System.Xml.XmlConvert.IsXmlChar(c)).ToArray())
            .Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return parsed.Root!.Name == "speak" && (expected.Any(char.IsSurrogate) || parsed.Root.Value == expected);
    }

    [Theory]
    [InlineData("Tom & Jerry's Bakery")]
    [InlineData("<audio src=\"https://evil.example/x.mp3\"/>")]
    [InlineData("\"quoted\" & <tagged>")]
    [InlineData("]]><speak>")]
    public void Payee_names_with_markup_characters_cannot_inject_ssml(string payeeName)
    {
        var speech = Ssml.Format(CultureInfo.InvariantCulture, "Send {0} to {1}?", "$20.00", payeeName).ToSpeak();

        var root = XDocument.Parse(speech).Root!;
        Assert.Empty(root.Elements());
        Assert.Equal($"Send $20.00 to {payeeName}?", root.Value);
    }

    [Fact]
    public void Trusted_template_markup_is_kept_and_ssml_arguments_are_not_escaped_twice()
    {
        var reference = Ssml.Characters("4821");
        var speech = Ssml.Format(CultureInfo.InvariantCulture, "Done.<break time=\"300ms\"/> Reference ending {0}.", reference).ToSpeak();

        var root = XDocument.Parse(speech).Root!;
        Assert.Equal(["break", "say-as"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("4821", root.Element("say-as")!.Value);
    }

    [Fact]
    public void Control_characters_are_dropped()
    {
        Assert.Equal("ab", Ssml.Text("a\u0001b").Markup);
    }

    [Fact]
    public void Concat_joins_non_empty_parts_with_a_space()
    {
        Assert.Equal("one two", Ssml.Concat(Ssml.Text("one"), Ssml.Empty, Ssml.Text("two")).Markup);
    }

    [Fact]
    public void Break_is_clamped_to_ten_seconds()
    {
        Assert.Equal("<break time=\"10000ms\"/>", Ssml.Break(TimeSpan.FromMinutes(1)).Markup);
    }
}
