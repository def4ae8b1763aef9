using System.Text;
using System.Text.RegularExpressions;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// An envelope with a property twice is not Alexa's (the last value would win: another skill's id then ours would pass
/// the skill-ID check): the function reports it as InvalidEventBody, quoting nothing, and keeps serving.
/// </summary>
[Collection(nameof(RuntimeLoop))]
public sealed partial class DuplicatePropertyTests
{
    [Fact]
    public async Task Another_skills_application_id_then_ours_is_an_invalid_event_body()
    {
        var json = Encoding.UTF8.GetString(InProcessFunction.Event("launch.json"));
        var ours = ApplicationId().Match(json).Value;
        Assert.NotEmpty(ours);
        var body = json.Replace(ours, "\"applicationId\": \"amzn1.ask.skill.99999999-8888-7777-6666-555555555555\", " + ours, StringComparison.Ordinal);

        await AssertInvalidAsync(body);
    }

    [Fact]
    public async Task A_stale_then_a_fresh_timestamp_is_an_invalid_event_body()
    {
        var json = Encoding.UTF8.GetString(InProcessFunction.Event("launch.json"));
        var stamp = Timestamp().Match(json).Value;
        Assert.NotEmpty(stamp);
        var body = json.Replace(stamp, "\"timestamp\": \"2015-01-01T00:00:00Z\", " + stamp, StringComparison.Ordinal);

        await AssertInvalidAsync(body);
    }

    private static async Task AssertInvalidAsync(string body)
    {
        await using var function = await InProcessFunction.StartAsync();

        var outcome = await function.InvokeAsync(Encoding.UTF8.GetBytes(body));
        var next = await function.InvokeAsync(InProcessFunction.Event("launch.json"));

        Assert.Equal("InvalidEventBody", outcome.ErrorType);
        Assert.Contains("duplicate", outcome.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("-token", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.False(next.IsError, next.ErrorMessage);
    }

    [GeneratedRegex("\"applicationId\"\\s*:\\s*\"[^\"]+\"")]
    private static partial Regex ApplicationId();

    [GeneratedRegex("\"timestamp\"\\s*:\\s*\"[^\"]+\"")]
    private static partial Regex Timestamp();
}
