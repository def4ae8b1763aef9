using System.Net;
using System.Text.Json;
using VoicePay.Testing.Fuzzing;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>
/// Thousands of broken envelopes against the real host (seeded; the seed is in every failure message):
/// each gets a 200 with a skill response or a 400 with a short plain-text reason, never a 5xx or an
/// exception page, and the host keeps serving.
/// </summary>
public sealed class AlexaEndpointFuzzTests(FuzzDevModeHostFixture devMode, FuzzVerifyingHostFixture verifying)
    : IClassFixture<FuzzDevModeHostFixture>, IClassFixture<FuzzVerifyingHostFixture>
{
    [Fact]
    public async Task Broken_envelopes_get_a_200_or_a_400_in_a_development_run_without_verification()
    {
        var fuzz = AlexaFuzz.FromEnvironment(defaultCases: 1500);
        var skillAnswered = 0;
        foreach (var fuzzCase in fuzz.Cases())
        {
            using var response = await devMode.Host.Client.SendAsync(AlexaEvents.Post(fuzzCase.Body, signature: null, chainUrl: null));
            skillAnswered += await AssertAnsweredAsync(response, fuzz.Describe(fuzzCase)) ? 1 : 0;
        }

        // Many broken bodies must get as far as the skill, or the test would only ever exercise the parser.
        Assert.True(skillAnswered > fuzz.RandomCases / 5, $"Only {skillAnswered} fuzz bodies reached the skill (seed {fuzz.Seed}).");
        await AssertStillServingAsync(devMode.Host, signed: false);
    }

    [Fact]
    public async Task Broken_envelopes_signed_by_Alexa_get_a_200_or_a_400_with_verification_on()
    {
        var fuzz = AlexaFuzz.FromEnvironment(defaultCases: 1000);
        var skillAnswered = 0;
        foreach (var fuzzCase in fuzz.Cases(timestamp: DateTimeOffset.UtcNow))
        {
            // Signed, so every check past the signature (and the skill itself) sees the broken body.
            using var response = await verifying.Host.Client.SendAsync(AlexaEvents.PostSigned(fuzzCase.Body));
            skillAnswered += await AssertAnsweredAsync(response, fuzz.Describe(fuzzCase)) ? 1 : 0;
        }

        Assert.True(skillAnswered > fuzz.RandomCases / 5, $"Only {skillAnswered} signed fuzz bodies reached the skill (seed {fuzz.Seed}).");

        await AssertStillServingAsync(verifying.Host, signed: true);
    }

    /// <returns>True when the skill answered (200), false for a 400.</returns>
    private static async Task<bool> AssertAnsweredAsync(HttpResponseMessage response, string because)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
            $"HTTP {(int)response.StatusCode}: {Shorten(text)}\n{because}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/plain", $"400 as {response.Content.Headers.ContentType}\n{because}");
            Assert.True(text.Length is > 0 and <= 400, $"400 reason of {text.Length} characters: {Shorten(text)}\n{because}");
            Assert.True(!text.Contains("   at ", StringComparison.Ordinal) && !text.Contains("Exception", StringComparison.Ordinal), $"400 reason shows internals: {Shorten(text)}\n{because}");

            // The sample events' tokens all end in "-token": a reason that quotes the body would leak them.
            Assert.True(!text.Contains("-token", StringComparison.Ordinal), $"400 reason quotes the body: {Shorten(text)}\n{because}");
            return false;
        }

        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.TryGetProperty("response", out _), $"200 without a skill response: {Shorten(text)}\n{because}");
        return true;
    }

    private static async Task AssertStillServingAsync(TestHost host, bool signed)
    {
        Assert.False(host.App.Lifetime.ApplicationStopping.IsCancellationRequested);
        var launch = AlexaEvents.Load("launch.json");
        using var response = await host.Client.SendAsync(signed ? AlexaEvents.PostSigned(launch) : AlexaEvents.Post(launch, signature: null, chainUrl: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
