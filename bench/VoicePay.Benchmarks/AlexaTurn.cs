using VoicePay.Alexa.Json;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Benchmarks;

/// <summary>One turn as an entry point runs it: bytes in, pipeline, bytes out.</summary>
internal static class AlexaTurn
{
    public static async Task<TurnResult> RunAsync(SkillPipeline pipeline, byte[] envelope, string? sessionId = null)
    {
        var request = AlexaJson.ParseRequest(envelope);
        if (sessionId is not null)
        {
            request.Session!.SessionId = sessionId;
        }

        var response = await pipeline.HandleAsync(request, CancellationToken.None);
        return new TurnResult(response, AlexaJson.SerializeResponse(response));
    }
}

internal readonly record struct TurnResult(SkillResponse Response, byte[] Json)
{
    /// <summary>The SSML spoken, for set-up checks that the measured path is the intended one.</summary>
    public string Speech => (Response.Response.OutputSpeech as SsmlOutputSpeech)?.Ssml ?? string.Empty;

    /// <summary>Throws unless the turn said what the benchmark expects, so no error path gets measured by mistake.</summary>
    public TurnResult Expect(string fragment) =>
        Speech.Contains(fragment, StringComparison.Ordinal)
            ? this
            : throw new InvalidOperationException($"Expected the skill to say '{fragment}' but it said '{Speech}'.");
}
