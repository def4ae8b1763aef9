using System.Text;
using VoicePay.Alexa.Json;

namespace VoicePay.Alexa.Tests;

/// <summary>
/// A body with the same property twice is not a valid request: System.Text.Json would keep the last value, so a stale
/// timestamp then a fresh one, or another skill's id then ours, would pass checks that read the parsed request.
/// </summary>
public sealed class DuplicatePropertyTests
{
    [Theory]
    [InlineData("\"timestamp\": \"2015-05-13T12:34:56Z\"", "\"timestamp\": \"2015-05-13T12:34:56Z\", \"timestamp\": \"2099-01-01T00:00:00Z\"")]
    [InlineData("\"applicationId\": \"amzn1.ask.skill.00000000-0000-0000-0000-000000000000\"", "\"applicationId\": \"amzn1.ask.skill.other\", \"applicationId\": \"amzn1.ask.skill.00000000-0000-0000-0000-000000000000\"")]
    [InlineData("\"type\": \"LaunchRequest\"", "\"type\": \"LaunchRequest\", \"type\": \"SessionEndedRequest\"")]
    [InlineData("\"userId\": \"amzn1.ask.account.TESTUSER\"", "\"userId\": \"amzn1.ask.account.OTHER\", \"userId\": \"amzn1.ask.account.TESTUSER\"")]
    [InlineData("\"accessToken\": \"demo-alice-token\"", "\"accessToken\": \"demo-alice-token\", \"accessToken\": \"demo-bob-token\"")]
    public void A_duplicate_property_anywhere_is_a_format_error_that_quotes_nothing(string once, string twice)
    {
        var json = Encoding.UTF8.GetString(Fixture.Bytes("launch.json"));
        Assert.Contains(once, json, StringComparison.Ordinal);
        var duplicated = Encoding.UTF8.GetBytes(json.Replace(once, twice, StringComparison.Ordinal));

        var error = Assert.Throws<AlexaRequestFormatException>(() => AlexaJson.ParseRequest(duplicated));

        Assert.DoesNotContain("demo-", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2099", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_slot_name_is_a_format_error()
    {
        const string cents = "\"Cents\": { \"name\": \"Cents\", \"confirmationStatus\": \"NONE\" }";
        var json = Encoding.UTF8.GetString(Fixture.Bytes("intent.json"));
        Assert.Contains(cents, json, StringComparison.Ordinal);
        var duplicated = json.Replace(cents, cents + ", \"Cents\": { \"name\": \"Cents\", \"value\": \"99\" }", StringComparison.Ordinal);

        Assert.Throws<AlexaRequestFormatException>(() => AlexaJson.ParseRequest(Encoding.UTF8.GetBytes(duplicated)));
    }

    [Fact]
    public void The_same_fixture_without_duplicates_still_parses()
    {
        Assert.NotNull(AlexaJson.ParseRequest(Fixture.Bytes("launch.json")));
        Assert.NotNull(AlexaJson.ParseRequest(Fixture.Bytes("intent.json")));
    }
}
