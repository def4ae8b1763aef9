using VoicePay.Simulator;

namespace VoicePay.DevLoop.Tests;

public class ReplyTextTests
{
    [Theory]
    [InlineData("<speak>Send $20.00 to Tom &amp; Jerry&apos;s Bakery?</speak>", "Send $20.00 to Tom & Jerry's Bakery?")]
    [InlineData("<speak>Checking ending in <say-as interpret-as=\"digits\">4821</say-as>: $5.00.</speak>", "Checking ending in 4821: $5.00.")]
    [InlineData("<speak>One.<break time=\"500ms\"/>Two.</speak>", "One. Two.")]
    [InlineData("<speak><p>First</p><p>Second</p></speak>", "First Second")]
    [InlineData("", "")]
    public void Ssml_as_heard(string ssml, string plain) => Assert.Equal(plain, ReplyText.Plain(ssml));

    [Fact]
    public void Json_is_readable_not_escaped()
    {
        var pretty = Json.Pretty("{\"ssml\":\"\\u003Cspeak\\u003ETom \\u0026 Jerry\\u0027s\\u003C/speak\\u003E\"}"u8);
        Assert.Contains("<speak>Tom & Jerry's</speak>", pretty, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", pretty, StringComparison.Ordinal);
    }
}
