using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace VoicePay.Payments.Tests.Support;

/// <summary>One attempt's fate: given the request and a way to really send it, produce the response (or fail).</summary>
internal delegate Task<HttpResponseMessage> Fault(HttpRequestMessage request, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken);

/// <summary>
/// Injects faults per attempt, beneath the client's resilience pipeline, and otherwise passes requests
/// to the real sandbox. Attempts beyond the script use the last fault, or pass through when told.
/// </summary>
internal sealed class FaultHandler(params Fault[] script) : DelegatingHandler
{
    private int _attempts;

    public bool PassThroughAfterScript { get; init; }

    public int Attempts => Volatile.Read(ref _attempts);

    public ConcurrentQueue<string?> IdempotencyKeys { get; } = new();

    public bool SawCancellation { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts) - 1;
        IdempotencyKeys.Enqueue(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null);
        Fault fault = attempt < script.Length ? script[attempt]
            : PassThroughAfterScript ? Faults.PassThrough
            : script[^1];
        try
        {
            return await fault(request, () => base.SendAsync(request, cancellationToken), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            SawCancellation = true;
            throw;
        }
    }
}

internal static class Faults
{
    public static readonly Fault PassThrough = (_, send, _) => send();

    /// <summary>Nothing listening: the request never left.</summary>
    public static readonly Fault RefuseConnection = (_, _, _) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (injected)", new IOException("refused"));

    /// <summary>The bank acts, but its answer never comes back (the attempt times out).</summary>
    public static readonly Fault LoseResponse = async (_, send, token) =>
    {
        using var lost = await send();
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    };

    /// <summary>No answer at all, and the request may or may not have arrived.</summary>
    public static readonly Fault Hang = async (_, _, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    };

    /// <summary>The bank acts, then the connection is reset before the answer is read.</summary>
    public static readonly Fault ResetAfterSending = async (_, send, _) =>
    {
        using var lost = await send();
        throw new HttpRequestException(HttpRequestError.ResponseEnded, "Connection reset (injected)", new IOException("Connection reset by peer"));
    };

    public static Fault Status(HttpStatusCode status, string? retryAfterSeconds = null) => (_, _, _) =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (retryAfterSeconds is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfterSeconds);
        }

        return Task.FromResult(response);
    };

    /// <summary>The bank answers, but something in between swaps the body for an HTML page.</summary>
    public static readonly Fault HtmlInsteadOfJson = async (_, send, _) =>
    {
        var response = await send();
        response.Content = new StringContent("<html><body>Gateway says hi</body></html>", Encoding.UTF8, "text/html");
        return response;
    };

    public static readonly Fault ConflictProblem = (_, _, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict)
    {
        Content = new StringContent(
            """{"type":"about:blank","title":"Conflict","status":409,"code":"idempotency_conflict"}""",
            Encoding.UTF8,
            "application/problem+json"),
    });
}
