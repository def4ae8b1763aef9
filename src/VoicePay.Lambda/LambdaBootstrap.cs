using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>
/// The custom runtime's loop (as in Amazon.Lambda.RuntimeSupport): run the initializer once, then fetch an event,
/// call the handler, report its response or error, and fetch the next, until cancelled.
/// A bad event body or a failing handler is reported to Lambda and the loop carries on.
/// </summary>
public sealed class LambdaBootstrap : IDisposable
{
    /// <summary>What a deadline-less invocation (some local emulators) is given: Lambda's longest timeout.</summary>
    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMinutes(15);

    private readonly Func<Stream, ILambdaContext, Task<Stream>> _handler;
    private readonly Func<CancellationToken, Task>? _initializer;
    private readonly LambdaEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly TimeSpan _margin;
    private readonly LambdaLogWriter _logWriter;
    private readonly ILogger _log;
    private readonly RuntimeApiClient _client;

    /// <param name="handler">Gets the raw event body; returns the response body, owned by the bootstrap, which disposes it once it is posted and before it asks for the next event (work a handler leaves for after its answer can run there).</param>
    /// <param name="initializer">Runs once before the first event; if it throws, the error goes to <c>/runtime/init/error</c>.</param>
    /// <param name="options">Null for the defaults (process environment, system clock, stdout).</param>
    /// <exception cref="InvalidOperationException"><c>AWS_LAMBDA_RUNTIME_API</c> is not set.</exception>
    public LambdaBootstrap(
        Func<Stream, ILambdaContext, Task<Stream>> handler,
        Func<CancellationToken, Task>? initializer = null,
        LambdaBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new LambdaBootstrapOptions();
        if (options.CancellationMargin < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "CancellationMargin must not be negative.");
        }

        _handler = handler;
        _initializer = initializer;
        _environment = options.Environment ?? LambdaEnvironment.FromProcess();
        _time = options.TimeProvider;
        _margin = options.CancellationMargin;
        _logWriter = options.LogWriter ?? LambdaLogWriter.FromEnvironment(_environment, options.LogOutput, _time);
        _log = options.RuntimeLogger ?? new LambdaRuntimeLogger(_logWriter);
        var runtimeApi = _environment.RuntimeApi
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this program runs inside Lambda or a Runtime API emulator.");
        _client = new RuntimeApiClient(runtimeApi);
    }

    /// <summary>
    /// Initializes, then serves invocations until <paramref name="cancellationToken"/> is cancelled (then returns).
    /// </summary>
    /// <exception cref="LambdaRuntimeApiException">The Runtime API failed; the process should exit.</exception>
    /// <remarks>If the initializer throws, the error is reported to <c>/runtime/init/error</c> and rethrown.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        RuntimeLog.Started(_log, _environment.RuntimeApi!);
        if (_initializer is not null)
        {
            try
            {
                await _initializer(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var errorType = ex.GetType().Name;
                RuntimeLog.InitFailed(_log, errorType, ex.Message, ex);
                await _client.PostInitErrorAsync(errorType, ex.Message, cancellationToken);
                throw;
            }
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                invocation = await _client.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await InvokeAsync(invocation, cancellationToken);
        }

        RuntimeLog.Stopped(_log);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Posts an invocation error; a failure to report is logged, never thrown, so the loop carries on.</summary>
    private async Task ReportErrorAsync(string requestId, string errorType, string errorMessage, CancellationToken stopping)
    {
        try
        {
            await _client.PostErrorAsync(requestId, errorType, errorMessage, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: Lambda times the invocation out on its own.
        }
        catch (Exception ex)
        {
            RuntimeLog.ReportFailed(_log, requestId, ex);
        }
    }

    private async Task InvokeAsync(RuntimeInvocation invocation, CancellationToken stopping)
    {
        // Every line written for this invocation, by the runtime or by the handler's work wherever it flows, carries its ID.
        using var logScope = LambdaLogWriter.BeginInvocation(invocation.RequestId, invocation.TraceId);

        // X-Ray SDKs read the trace header from here; clear it when absent so one invocation's trace never leaks into the next.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId.Length > 0 ? invocation.TraceId : null);

        if (!invocation.HasDeadline)
        {
            RuntimeLog.NoDeadline(_log, invocation.RequestId, FallbackTimeout);
            invocation = invocation with { Deadline = _time.GetUtcNow() + FallbackTimeout };
        }

        var untilCancel = invocation.Deadline - _margin - _time.GetUtcNow();
        using var deadline = new CancellationTokenSource(untilCancel > TimeSpan.Zero ? untilCancel : TimeSpan.Zero, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        var logger = new TextWriterLambdaLogger(_logWriter);
        var context = new LambdaContext(invocation, _environment, logger, _time, linked.Token);

        // The body stays open until the response is sent: a raw handler may answer with the stream it was given.
        using var input = new MemoryStream(invocation.Body, writable: false);
        Stream response;
        try
        {
            response = await _handler(input, context) ?? Stream.Null;
        }
        catch (InvalidEventBodyException ex)
        {
            RuntimeLog.InvalidEventBody(_log, invocation.RequestId, ex.Message);
            await ReportErrorAsync(invocation.RequestId, InvalidEventBodyException.ErrorType, ex.Message, stopping);
            return;
        }
        catch (Exception ex)
        {
            var errorType = ex.GetType().Name;
            RuntimeLog.HandlerFailed(_log, invocation.RequestId, errorType, ex.Message, ex);
            await ReportErrorAsync(invocation.RequestId, errorType, ex.Message, stopping);
            return;
        }

        try
        {
            await using (response)
            {
                await _client.PostResponseAsync(invocation.RequestId, response, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: Lambda times the invocation out on its own.
        }
        catch (Exception ex)
        {
            // Reading the handler's stream or sending it failed (for example over Lambda's size limit): say so if Lambda still listens.
            RuntimeLog.ReportFailed(_log, invocation.RequestId, ex);
            await ReportErrorAsync(invocation.RequestId, ex.GetType().Name, "The function's response could not be sent.", stopping);
        }
    }
}
