using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VoicePay.Alexa.Responses;

namespace VoicePay.Alexa.Apis.Directives;

/// <summary>
/// The Progressive Response API: <c>POST {context.System.apiEndpoint}/v1/directives</c> with a
/// <c>VoicePlayer.Speak</c> directive for the request being handled, authorized by the request's
/// <c>context.System.apiAccessToken</c> (a secret: sent only to that endpoint, never logged).
/// Amazon answers 204 No Content.
/// </summary>
public sealed class DirectiveServiceClient(HttpClient http)
{
    public const string HttpClientName = "VoicePay.Alexa.Directives";

    /// <summary>
    /// Where a directive may be sent: https only, so the request's token never crosses plain http; plain
    /// http to a loopback address only when <paramref name="allowLoopbackHttp"/> (tests and local runs).
    /// </summary>
    public static bool TryGetEndpoint(string? apiEndpoint, bool allowLoopbackHttp, out Uri endpoint)
    {
        endpoint = null!;
        if (!Uri.TryCreate(apiEndpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var allowed = uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        if (allowed)
        {
            endpoint = uri;
        }

        return allowed;
    }

    /// <summary>Asks Alexa to say <paramref name="speech"/> now; true when Amazon accepted it (2xx).</summary>
    /// <exception cref="HttpRequestException">No connection.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the caller's deadline).</exception>
    public async Task<bool> SpeakAsync(Uri apiEndpoint, string apiAccessToken, string requestId, Ssml speech, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiEndpoint);
        ArgumentException.ThrowIfNullOrEmpty(apiAccessToken);
        ArgumentException.ThrowIfNullOrEmpty(requestId);

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new DirectiveRequest(new DirectiveHeader(requestId), new SpeakDirective("VoicePlayer.Speak", speech.ToSpeak())),
            AlexaApisJsonContext.Default.DirectiveRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiEndpoint.AbsoluteUri.TrimEnd('/') + "/v1/directives"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiAccessToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }
}
