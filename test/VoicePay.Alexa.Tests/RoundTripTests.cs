using System.Text.Json;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<string> Fixtures() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Requests"), "*.json").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_survives_parse_write_parse_unchanged(string fixture)
    {
        var first = AlexaJson.ParseRequest(Fixture.Bytes(fixture));
        var written = JsonSerializer.SerializeToUtf8Bytes(first, AlexaJsonContext.Default.SkillRequest);
        var second = AlexaJson.ParseRequest(written);
        var rewritten = JsonSerializer.SerializeToUtf8Bytes(second, AlexaJsonContext.Default.SkillRequest);

        Assert.Equal(first.Request.GetType(), second.Request.GetType());
        Assert.Equal(first.Request.Type, second.Request.Type);
        Assert.Equal(first.Request.Timestamp, second.Request.Timestamp);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(written), System.Text.Encoding.UTF8.GetString(rewritten));
        Assert.Contains("\"System\":", System.Text.Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }
}
