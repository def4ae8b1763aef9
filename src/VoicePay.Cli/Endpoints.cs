using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Composition;
using VoicePay.Simulator;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Cli;

/// <summary>The skill's pipeline in this process, fed the same JSON a host would receive.</summary>
internal sealed class PipelineEndpoint(IServiceProvider services) : ISkillEndpoint
{
    public string Name => "the skill in this process";

    public async Task<byte[]> SendAsync(byte[] requestJson, CancellationToken cancellationToken)
    {
        try
        {
            var request = AlexaJson.ParseRequest(requestJson);
            return await services.GetRequiredService<SkillPipeline>().RespondAsync(request, cancellationToken);
        }
        catch (SkillRequestRejectedException ex)
        {
            throw new SkillEndpointException($"Rejected: {ex.Message} (VoicePay__SkillId is {LocalDefaults.SkillId} unless you set it)", ex);
        }
    }
}

/// <summary>Finds the running local host: <c>--url</c>, else the address it wrote in the data folder, else the default.</summary>
internal static class HostLocator
{
    /// <summary>The host's <c>/alexa</c> URL. A bare address (http://127.0.0.1:5006) gets <c>/alexa</c> added.</summary>
    public static Uri AlexaUrl(string? url, string dataFolder)
    {
        if (url is not null)
        {
            return WithAlexaPath(ParseUrl(url, "--url"));
        }

        return WithAlexaPath(Recorded(dataFolder) ?? new Uri(LocalDefaults.HostUrl));
    }

    /// <summary>The address a running host recorded in <paramref name="dataFolder"/>, or null.</summary>
    public static Uri? Recorded(string dataFolder)
    {
        var file = LocalDefaults.HostFilePath(dataFolder);
        if (!File.Exists(file))
        {
            return null;
        }

        var first = File.ReadLines(file).FirstOrDefault();
        return Uri.TryCreate(first, UriKind.Absolute, out var recorded) ? recorded : null;
    }

    public static Uri ParseUrl(string text, string option)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UserErrorException($"{option} must be an http(s) URL such as {LocalDefaults.HostUrl}/alexa, not '{text}'.");
        }

        return uri;
    }

    /// <summary>The sandbox bank served by a host, next to its <c>/alexa</c>.</summary>
    public static Uri BankUrl(Uri alexaUrl) => new(alexaUrl, "/sandbox/");

    /// <summary>Whether a host answers <c>GET /health</c> at <paramref name="anyUrl"/>'s address.</summary>
    public static async Task<bool> IsRunningAsync(Uri anyUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri(anyUrl, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Before running the skill in this process on the shared folder: says so when a host already
    /// runs on it (both would use the same files; <c>--endpoint</c> talks to that host instead).
    /// </summary>
    public static async Task WarnIfHostRunsAsync(TextWriter error, string dataFolder, CancellationToken cancellationToken)
    {
        if (Recorded(dataFolder) is { } running && await IsRunningAsync(running, cancellationToken))
        {
            await error.WriteLineAsync($"(a host is running at {running} on the same local data; this process runs its own skill on the same files. Add --endpoint to talk to the host instead.)");
        }
    }

    private static Uri WithAlexaPath(Uri uri) =>
        uri.AbsolutePath is "/" or "" ? new Uri(uri, "/alexa") : uri;
}
