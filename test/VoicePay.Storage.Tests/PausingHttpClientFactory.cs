using System.Net;
using Amazon.Runtime;

namespace VoicePay.Storage.Tests;

/// <summary>
/// An HTTP client for one DynamoDB client that stops its caller between two steps: the first <c>GetItem</c> sent
/// after an <c>UpdateItem</c> failed its condition is held until <see cref="Resume"/>. The test learns that the
/// caller is held from <see cref="Paused"/>, so the interleaving it builds does not depend on timing.
/// </summary>
public sealed class PausingHttpClientFactory : HttpClientFactory, IDisposable
{
    private const int Watching = 0;
    private const int Armed = 1;
    private const int Spent = 2;

    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _client;
    private int _state = Watching;

    public PausingHttpClientFactory()
    {
        _client = new HttpClient(new Handler(this, new SocketsHttpHandler()));
    }

    /// <summary>Completes when the caller's read after its failed update is being held.</summary>
    public Task Paused => _paused.Task;

    public void Resume() => _resume.TrySetResult();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    // One client, owned here: the SDK neither caches nor disposes it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Dispose()
    {
        _resume.TrySetResult();
        _client.Dispose();
    }

    private static string Operation(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";

    private sealed class Handler(PausingHttpClientFactory owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = Operation(request);
            if (operation.EndsWith(".GetItem", StringComparison.Ordinal)
                && Interlocked.CompareExchange(ref owner._state, Spent, Armed) == Armed)
            {
                owner._paused.TrySetResult();
                await owner._resume.Task.WaitAsync(cancellationToken);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (operation.EndsWith(".UpdateItem", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest)
            {
                // Buffered, so the SDK can still read the error after us.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                if ((await response.Content.ReadAsStringAsync(cancellationToken)).Contains("ConditionalCheckFailed", StringComparison.Ordinal))
                {
                    Interlocked.CompareExchange(ref owner._state, Armed, Watching);
                }
            }

            return response;
        }
    }
}
