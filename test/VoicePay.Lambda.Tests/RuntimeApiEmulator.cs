using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on Kestrel at 127.0.0.1, for driving a runtime in tests:
/// enqueue an event, get back what the runtime posted for it.
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<PendingInvocation> _events = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new();
    private readonly ConcurrentQueue<RecordedError> _initErrors = new();
    private readonly TaskCompletionSource<RecordedError> _firstInitError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _functionPath;
    private int _nextRequests;

    private RuntimeApiEmulator(WebApplication app, TimeProvider timeProvider, string functionPath)
    {
        _app = app;
        TimeProvider = timeProvider;
        _functionPath = functionPath;
    }

    private string Prefix => $"{_functionPath}/2018-06-01/runtime";

    /// <summary>host:port, the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string RuntimeApi { get; private set; } = string.Empty;

    /// <summary>The clock deadlines are computed from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The function timeout: each event's deadline is now plus this, unless the event names its own.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:123456789012:function:voicepay-test";

    /// <summary>How many times the runtime has asked for the next event.</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Completes with the first <c>/runtime/init/error</c> posted.</summary>
    public Task<RecordedError> InitError => _firstInitError.Task;

    public IReadOnlyCollection<RecordedError> InitErrors => [.. _initErrors];

    /// <param name="timeProvider">The clock for deadlines; the system clock when null.</param>
    /// <param name="functionName">
    /// Serve the API under <c>/{functionName}</c>, as the Lambda Test Tool v2 does
    /// (<c>AWS_LAMBDA_RUNTIME_API=localhost:5050/MyFunction</c>).
    /// </param>
    public static async Task<RuntimeApiEmulator> StartAsync(TimeProvider? timeProvider = null, string? functionName = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new RuntimeApiEmulator(app, timeProvider ?? TimeProvider.System, functionName is null ? string.Empty : $"/{functionName}");
        emulator.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        emulator.RuntimeApi = $"{uri.Host}:{uri.Port}{emulator._functionPath}";
        return emulator;
    }

    /// <summary>Queues an event; the task completes with the response or error the runtime posts for it.</summary>
    /// <remarks>A null deadline means now plus <see cref="Timeout"/>; a null request ID gets a new GUID.</remarks>
    public Task<InvocationOutcome> Enqueue(string body, string? traceId = null, string? requestId = null, DateTimeOffset? deadline = null) =>
        Enqueue(Encoding.UTF8.GetBytes(body), traceId, requestId, deadline);

    public Task<InvocationOutcome> Enqueue(byte[] body, string? traceId = null, string? requestId = null, DateTimeOffset? deadline = null)
    {
        var invocation = new PendingInvocation(requestId ?? Guid.NewGuid().ToString(), body, traceId, deadline);
        if (!_events.Writer.TryWrite(invocation))
        {
            throw new InvalidOperationException("The emulator is stopped.");
        }

        return invocation.Outcome.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapEndpoints()
    {
        _app.MapGet($"{Prefix}/invocation/next", NextAsync);
        _app.MapPost($"{Prefix}/invocation/{{requestId}}/response", async (string requestId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            return Complete(requestId, new InvocationOutcome(requestId, IsError: false, body, request.ContentType, ErrorTypeHeader: null));
        });
        _app.MapPost($"{Prefix}/invocation/{{requestId}}/error", async (string requestId, HttpRequest request) =>
        {
            var body = await ReadAsync(request);
            return Complete(requestId, new InvocationOutcome(requestId, IsError: true, body, request.ContentType, ErrorTypeOf(request)));
        });
        _app.MapPost($"{Prefix}/init/error", async (HttpRequest request) =>
        {
            var error = new RecordedError(await ReadAsync(request), request.ContentType, ErrorTypeOf(request));
            _initErrors.Enqueue(error);
            _firstInitError.TrySetResult(error);
            return Accepted();
        });
    }

    private async Task NextAsync(HttpContext http)
    {
        Interlocked.Increment(ref _nextRequests);
        var invocation = await _events.Reader.ReadAsync(http.RequestAborted);
        _inFlight[invocation.RequestId] = invocation;
        var deadline = invocation.Deadline ?? TimeProvider.GetUtcNow() + Timeout;
        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = InvokedFunctionArn;
        if (invocation.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        }

        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(invocation.Body, http.RequestAborted);
    }

    private IResult Complete(string requestId, InvocationOutcome outcome)
    {
        if (!_inFlight.TryRemove(requestId, out var invocation))
        {
            return Results.BadRequest();
        }

        invocation.Outcome.TrySetResult(outcome);
        return Accepted();
    }

    // The real API answers 202 with a small status document.
    private static IResult Accepted() => Results.Text("""{"status":"OK"}""", "application/json", statusCode: StatusCodes.Status202Accepted);

    private static string? ErrorTypeOf(HttpRequest request) =>
        request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private sealed record PendingInvocation(string RequestId, byte[] Body, string? TraceId, DateTimeOffset? Deadline)
    {
        public TaskCompletionSource<InvocationOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>What the runtime posted for one event: a response or an error.</summary>
public sealed record InvocationOutcome(string RequestId, bool IsError, string Body, string? ContentType, string? ErrorTypeHeader)
{
    /// <summary><c>errorType</c> of an error document.</summary>
    public string? ErrorType => IsError ? ErrorField("errorType") : null;

    /// <summary><c>errorMessage</c> of an error document.</summary>
    public string? ErrorMessage => IsError ? ErrorField("errorMessage") : null;

    private string? ErrorField(string name)
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}

/// <summary>An error document the runtime posted (init errors).</summary>
public sealed record RecordedError(string Body, string? ContentType, string? ErrorTypeHeader)
{
    public string? ErrorType => Field("errorType");

    public string? ErrorMessage => Field("errorMessage");

    private string? Field(string name)
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
