using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace VoicePay.Lambda.Tests;

/// <summary>All tests that run the loop share one process variable (_X_AMZN_TRACE_ID), so they never run in parallel.</summary>
[CollectionDefinition(nameof(RuntimeLoop), DisableParallelization = true)]
public sealed class RuntimeLoop;

[Collection(nameof(RuntimeLoop))]
public sealed class BootstrapTests
{
    private static readonly SourceGeneratorLambdaJsonSerializer<TestJsonContext> Serializer = new(TestJsonContext.Default);

    private static LambdaBootstrapBuilder Greeter() =>
        LambdaBootstrapBuilder.Create<Greeting, Reply>(
            (greeting, _) => Task.FromResult(new Reply($"Hello, {greeting.Name}")),
            Serializer);

    [Fact]
    public async Task A_typed_invocation_answers_with_the_serialized_response_for_its_request_id()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        await using var loop = RunningBootstrap.Start(Greeter(), emulator);

        var outcome = await emulator.Enqueue("""{"name":"Ada"}""", requestId: "req-1").WaitAsync(RunningBootstrap.Patience);

        Assert.False(outcome.IsError);
        Assert.Equal("req-1", outcome.RequestId);
        Assert.Equal("""{"text":"Hello, Ada"}""", outcome.Body);
    }

    [Fact]
    public async Task The_response_stream_is_disposed_after_it_was_posted_and_before_the_next_event_is_asked_for()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        Task<InvocationOutcome>? first = null;
        (bool Posted, int NextRequests)? atDispose = null;
        var builder = LambdaBootstrapBuilder.Create((input, _) =>
            Task.FromResult<Stream>(new OnDispose(Encoding.UTF8.GetBytes("{}"), () => atDispose = (first!.IsCompleted, emulator.NextRequests))));
        first = emulator.Enqueue("{}", requestId: "req-after");
        await using var loop = RunningBootstrap.Start(builder, emulator);

        await first.WaitAsync(RunningBootstrap.Patience);
        await emulator.Enqueue("{}", requestId: "req-next").WaitAsync(RunningBootstrap.Patience);

        // Disposed once the answer was out, and while the loop had asked for the first event only.
        Assert.Equal((true, 1), atDispose);
    }

    private sealed class OnDispose(byte[] body, Action disposed) : MemoryStream(body, writable: false)
    {
        public override async ValueTask DisposeAsync()
        {
            await Task.Delay(50);
            disposed();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_runtime_api_address_with_a_function_path_works_as_with_the_Lambda_Test_Tool()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync(functionName: "VoicePay.Function");
        await using var loop = RunningBootstrap.Start(Greeter(), emulator);

        var outcome = await emulator.Enqueue("""{"name":"Ada"}""").WaitAsync(RunningBootstrap.Patience);

        Assert.EndsWith("/VoicePay.Function", emulator.RuntimeApi, StringComparison.Ordinal);
        Assert.Equal("""{"text":"Hello, Ada"}""", outcome.Body);
    }

    [Fact]
    public async Task The_context_carries_the_invocation_headers_and_the_function_environment()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        emulator.InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:voicepay:live";
        string[]? seen = null;
        var builder = LambdaBootstrapBuilder.Create((input, context) =>
        {
            seen =
            [
                context.AwsRequestId, context.FunctionName, context.FunctionVersion, context.InvokedFunctionArn,
                context.MemoryLimitInMB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                context.LogGroupName, context.LogStreamName, context.TraceId,
            ];
            return Task.FromResult(input);
        });
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var outcome = await emulator.Enqueue("{}", traceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1", requestId: "req-ctx")
            .WaitAsync(RunningBootstrap.Patience);

        Assert.Equal("{}", outcome.Body);
        Assert.NotNull(seen);
        Assert.Equal(
            ["req-ctx", "voicepay", "7", "arn:aws:lambda:eu-west-1:123456789012:function:voicepay:live", "512",
             "/aws/lambda/voicepay", "2026/11/25/[7]abcdef", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1"],
            seen);
    }

    [Fact]
    public async Task A_handler_exception_is_reported_with_its_type_and_message_and_the_loop_serves_the_next_event()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = LambdaBootstrapBuilder.Create<Greeting, Reply>(
            (greeting, _) => greeting.Name == "boom"
                ? throw new InvalidOperationException("The bank is unavailable.")
                : Task.FromResult(new Reply($"Hello, {greeting.Name}")),
            Serializer);
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var failed = emulator.Enqueue("""{"name":"boom","pin":"31415926535897"}""");
        var next = emulator.Enqueue("""{"name":"Ada"}""");
        var error = await failed.WaitAsync(RunningBootstrap.Patience);
        var answer = await next.WaitAsync(RunningBootstrap.Patience);

        Assert.True(error.IsError);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.Equal("The bank is unavailable.", error.ErrorMessage);
        using (var document = JsonDocument.Parse(error.Body))
        {
            Assert.Equal(0, document.RootElement.GetProperty("stackTrace").GetArrayLength());
        }

        // A long number: short ones turn up by chance inside request IDs (GUIDs).
        Assert.DoesNotContain("31415926535897", error.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("31415926535897", loop.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal("""{"text":"Hello, Ada"}""", answer.Body);
    }

    [Theory]
    [InlineData("""{"name": "secret-31415926535897" """)]
    [InlineData("""{"name": 31415926535897}""")]
    [InlineData("""[ "secret-31415926535897" ]""")]
    public async Task A_body_that_is_not_the_request_type_is_reported_as_InvalidEventBody_without_its_contents(string body)
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var calls = 0;
        var builder = LambdaBootstrapBuilder.Create<Greeting, Reply>(
            (greeting, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(new Reply($"Hello, {greeting.Name}"));
            },
            Serializer);
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var bad = await emulator.Enqueue(body).WaitAsync(RunningBootstrap.Patience);
        var good = await emulator.Enqueue("""{"name":"Ada"}""").WaitAsync(RunningBootstrap.Patience);

        Assert.True(bad.IsError);
        Assert.Equal("InvalidEventBody", bad.ErrorType);
        Assert.StartsWith("The event body is not a valid Greeting", bad.ErrorMessage, StringComparison.Ordinal);
        // A long number: short ones turn up by chance inside request IDs (GUIDs).
        Assert.DoesNotContain("31415926535897", bad.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("31415926535897", loop.Output.ToString(), StringComparison.Ordinal);
        Assert.False(good.IsError);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_response_stream_that_fails_is_reported_as_an_error_and_the_loop_carries_on()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = LambdaBootstrapBuilder.Create((input, _) =>
            Task.FromResult(input.Length == 0 ? new FailingStream() : input));
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var failed = await emulator.Enqueue(string.Empty).WaitAsync(RunningBootstrap.Patience);
        var next = await emulator.Enqueue("{}").WaitAsync(RunningBootstrap.Patience);

        Assert.True(failed.IsError);
        Assert.Equal("The function's response could not be sent.", failed.ErrorMessage);
        Assert.Equal("{}", next.Body);
    }

    [Fact]
    public async Task A_null_body_is_an_invalid_event_body()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        await using var loop = RunningBootstrap.Start(Greeter(), emulator);

        var outcome = await emulator.Enqueue("null").WaitAsync(RunningBootstrap.Patience);

        Assert.Equal("InvalidEventBody", outcome.ErrorType);
        Assert.Contains("empty or null", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_fires_the_margin_before_the_deadline_and_remaining_time_counts_down()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await RuntimeApiEmulator.StartAsync(clock);
        emulator.Timeout = TimeSpan.FromSeconds(3);
        TimeSpan atStart = default, justBefore = default, whenCancelled = default;
        bool cancelledBeforeMargin = true, cancelledAtMargin = false;
        var builder = LambdaBootstrapBuilder.Create((input, context) =>
        {
            atStart = context.RemainingTime;
            clock.Advance(TimeSpan.FromMilliseconds(2400));
            justBefore = context.RemainingTime;
            cancelledBeforeMargin = context.CancellationToken.IsCancellationRequested;
            clock.Advance(TimeSpan.FromMilliseconds(100));
            cancelledAtMargin = context.CancellationToken.IsCancellationRequested;
            whenCancelled = context.RemainingTime;
            return Task.FromResult(input);
        });
        await using var loop = RunningBootstrap.Start(builder, emulator, margin: TimeSpan.FromMilliseconds(500));

        await emulator.Enqueue("{}").WaitAsync(RunningBootstrap.Patience);

        Assert.Equal(TimeSpan.FromSeconds(3), atStart);
        Assert.Equal(TimeSpan.FromMilliseconds(600), justBefore);
        Assert.False(cancelledBeforeMargin);
        Assert.True(cancelledAtMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(500), whenCancelled);
    }

    [Fact]
    public async Task A_handler_that_watches_the_token_still_answers_before_the_deadline()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await RuntimeApiEmulator.StartAsync(clock);
        emulator.Timeout = TimeSpan.FromSeconds(8);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = LambdaBootstrapBuilder.Create<Greeting, Reply>(
            async (greeting, context) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                    return new Reply("never");
                }
                catch (OperationCanceledException)
                {
                    return new Reply($"Sorry {greeting.Name}, the bank is slow. Try again later.");
                }
            },
            Serializer);
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var outcome = emulator.Enqueue("""{"name":"Ada"}""");
        await started.Task.WaitAsync(RunningBootstrap.Patience);
        clock.Advance(TimeSpan.FromSeconds(7.5));
        var answer = await outcome.WaitAsync(RunningBootstrap.Patience);

        Assert.False(answer.IsError);
        Assert.Contains("the bank is slow", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_initializer_is_reported_to_init_error_and_no_event_is_fetched()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = Greeter().UseInitializer(_ => throw new InvalidOperationException("VoicePay:SkillId is not configured."));
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var error = await emulator.InitError.WaitAsync(RunningBootstrap.Patience);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.Run.WaitAsync(RunningBootstrap.Patience));

        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.Equal("VoicePay:SkillId is not configured.", error.ErrorMessage);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.Equal("VoicePay:SkillId is not configured.", thrown.Message);
        Assert.Equal(0, emulator.NextRequests);
    }

    [Fact]
    public async Task The_initializer_runs_once_before_the_first_event()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var initialized = 0;
        var builder = LambdaBootstrapBuilder.Create((input, _) =>
                Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"initialized\":{Volatile.Read(ref initialized)}}}"))))
            .UseInitializer(_ =>
            {
                Interlocked.Increment(ref initialized);
                return Task.CompletedTask;
            });
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var first = await emulator.Enqueue("{}").WaitAsync(RunningBootstrap.Patience);
        var second = await emulator.Enqueue("{}").WaitAsync(RunningBootstrap.Patience);

        Assert.Equal("""{"initialized":1}""", first.Body);
        Assert.Equal("""{"initialized":1}""", second.Body);
    }

    [Fact]
    public async Task The_trace_header_is_set_as_X_AMZN_TRACE_ID_for_its_invocation_only()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = LambdaBootstrapBuilder.Create((_, _) =>
            Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "none"))));
        await using var loop = RunningBootstrap.Start(builder, emulator);

        var traced = await emulator.Enqueue("{}", traceId: "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
            .WaitAsync(RunningBootstrap.Patience);
        var untraced = await emulator.Enqueue("{}").WaitAsync(RunningBootstrap.Patience);

        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", traced.Body);
        Assert.Equal("none", untraced.Body);
    }

    [Fact]
    public async Task The_logger_writes_leveled_lines_with_the_request_id_and_drops_levels_below_the_minimum()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = LambdaBootstrapBuilder.Create((input, context) =>
        {
            context.Logger.LogInformation("Balance requested.");
            context.Logger.LogDebug("Noise.");
            return Task.FromResult(input);
        });
        await using var loop = RunningBootstrap.Start(builder, emulator);

        await emulator.Enqueue("{}", requestId: "req-log").WaitAsync(RunningBootstrap.Patience);

        var lines = loop.Output.ToString().Split('\n');
        Assert.Contains(lines, line => line.EndsWith("\treq-log\tINFO\tBalance requested.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("Noise.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_stops_the_loop_while_it_waits_for_an_event()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var stop = new CancellationTokenSource();
        using var bootstrap = Greeter().ConfigureOptions(o =>
        {
            o.Environment = RunningBootstrap.Environment(emulator);
            o.LogOutput = TextWriter.Null;
        }).Build();
        var run = bootstrap.RunAsync(stop.Token);
        await emulator.Enqueue("""{"name":"Ada"}""").WaitAsync(RunningBootstrap.Patience);

        await stop.CancelAsync();

        await run.WaitAsync(RunningBootstrap.Patience);
        Assert.True(run.IsCompletedSuccessfully);
    }

    [Fact]
    public void Without_a_runtime_api_the_bootstrap_refuses_to_start()
    {
        var builder = Greeter().ConfigureOptions(o => o.Environment = new LambdaEnvironment());

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("AWS_LAMBDA_RUNTIME_API", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A response stream that breaks when the runtime reads it.</summary>
    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk gone");

        public override int Read(Span<byte> buffer) => throw new IOException("disk gone");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("disk gone"));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(new IOException("disk gone"));

        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) =>
            Task.FromException(new IOException("disk gone"));

        public override void CopyTo(Stream destination, int bufferSize) => throw new IOException("disk gone");
    }
}
