using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VoicePay.Lambda;

/// <summary>
/// The HTTP side of the Lambda Runtime API, version 2018-06-01
/// (docs: "Using the Lambda runtime API for custom runtimes").
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        // No proxy (the API is on the local host) and no timeout: /next blocks until there is an event,
        // and the process may be frozen in between.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            // The Lambda Test Tool v2 puts the function name in the address (localhost:5050/MyFunction).
            BaseAddress = new Uri($"http://{runtimeApi.TrimEnd('/')}/2018-06-01/", UriKind.Absolute),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new LambdaRuntimeApiException($"GET /runtime/invocation/next answered {(int)response.StatusCode}.");
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id");
        if (string.IsNullOrEmpty(requestId))
        {
            throw new LambdaRuntimeApiException("GET /runtime/invocation/next answered without Lambda-Runtime-Aws-Request-Id.");
        }

        var hasDeadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RuntimeInvocation(
            requestId,
            hasDeadline ? DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs) : DateTimeOffset.MinValue,
            hasDeadline,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty,
            Header(response, "Lambda-Runtime-Trace-Id") ?? string.Empty,
            body);
    }

    public async Task PostResponseAsync(string requestId, Stream body, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(InvocationUri(requestId, "response"), content, cancellationToken);
        EnsureAccepted(response, "response");
    }

    public async Task PostErrorAsync(string requestId, string errorType, string errorMessage, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(ErrorRequest(InvocationUri(requestId, "error"), errorType, errorMessage), cancellationToken);
        EnsureAccepted(response, "error");
    }

    public async Task PostInitErrorAsync(string errorType, string errorMessage, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(ErrorRequest(new Uri("runtime/init/error", UriKind.Relative), errorType, errorMessage), cancellationToken);
        EnsureAccepted(response, "init/error");
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The error document Lambda expects; the stack trace stays empty so no internals leave the function.</summary>
    internal static byte[] ErrorBody(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", errorMessage);
            json.WriteString("errorType", errorType);
            json.WriteStartArray("stackTrace");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static HttpRequestMessage ErrorRequest(Uri uri, string errorType, string errorMessage)
    {
        var content = new ByteArrayContent(ErrorBody(errorType, errorMessage));
        content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, HeaderSafe(errorType));
        return request;
    }

    private static Uri InvocationUri(string requestId, string outcome) =>
        new($"runtime/invocation/{Uri.EscapeDataString(requestId)}/{outcome}", UriKind.Relative);

    private static void EnsureAccepted(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new LambdaRuntimeApiException($"POST {what} answered {(int)response.StatusCode}.");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // Header values must be visible ASCII; type names almost always are, but a stray character must not fail the report.
    private static string HeaderSafe(string value)
    {
        var safe = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            safe.Append(c is >= '!' and <= '~' ? c : '_');
        }

        return safe.ToString();
    }
}
