using System.Text.Json;
using VoicePay.Testing.Fuzzing;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// Thousands of broken envelopes through the function's handler path (seeded; the seed is in every failure message):
/// each gets a skill response or a clear error (InvalidEventBody, or the request is not for this skill), never an
/// unexpected exception, and the function keeps serving.
/// </summary>
[Collection(nameof(RuntimeLoop))]
public sealed class FunctionFuzzTests
{
    private static readonly HashSet<string> ClearErrors = new(StringComparer.Ordinal) { "InvalidEventBody", "SkillRequestRejectedException" };

    [Fact]
    public async Task Broken_envelopes_get_a_response_or_a_clear_error()
    {
        var fuzz = AlexaFuzz.FromEnvironment(defaultCases: 1500);
        await using var function = await InProcessFunction.StartAsync();
        var skillAnswered = 0;
        foreach (var fuzzCase in fuzz.Cases())
        {
            var outcome = await function.InvokeAsync(fuzzCase.Body);
            if (outcome.IsError)
            {
                Assert.True(outcome.ErrorType is { } type && ClearErrors.Contains(type), $"{outcome.ErrorType}: {outcome.ErrorMessage}\n{fuzz.Describe(fuzzCase)}");
                Assert.True(outcome.ErrorMessage is { Length: > 0 and <= 400 } message && !message.Contains("-token", StringComparison.Ordinal), $"Error message: {outcome.ErrorMessage}\n{fuzz.Describe(fuzzCase)}");
                continue;
            }

            using var json = JsonDocument.Parse(outcome.Body);
            Assert.True(json.RootElement.TryGetProperty("response", out _), $"Not a skill response: {outcome.Body}\n{fuzz.Describe(fuzzCase)}");
            skillAnswered++;
        }

        // Many broken bodies must get as far as the skill, or the test would only ever exercise the parser.
        Assert.True(skillAnswered > fuzz.RandomCases / 5, $"Only {skillAnswered} fuzz bodies reached the skill (seed {fuzz.Seed}).");

        var launch = await function.InvokeAsync(InProcessFunction.Event("launch.json"));
        Assert.False(launch.IsError, launch.Body);
    }
}
