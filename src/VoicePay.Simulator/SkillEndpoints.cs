using System.Net.Http.Headers;

namespace VoicePay.Simulator;

/// <summary>Where the simulator sends envelopes: the skill in this process, or a running host.</summary>
public interface ISkillEndpoint
{
    /// <summary>A description for the transcript header, e.g. "in-process" or the URL.</summary>
    string Name { get; }

    /// <summary>Sends one request envelope (JSON) and returns the response envelope (JSON).</summary>
    Task<byte[]> SendAsync(byte[] requestJson, CancellationToken cancellationToken);
}

/// <summary>A running host's <c>POST /alexa</c> (request verification off: local runs only).</summary>
public sealed class HttpSkillEndpoint(HttpClient http, Uri url) : ISkillEndpoint
{
    public string Name => url.AbsoluteUri;

    public async Task<byte[]> SendAsync(byte[] requestJson, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(requestJson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(url, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SkillEndpointException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {System.Text.Encoding.UTF8.GetString(body).Trim()}");
        }

        return body;
    }
}

/// <summary>The skill did not answer with a response (an HTTP error, a rejected request).</summary>
public sealed class SkillEndpointException : Exception
{
    public SkillEndpointException()
    {
    }

    public SkillEndpointException(string message)
        : base(message)
    {
    }

    public SkillEndpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
