using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda.Tests;

/// <summary>AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL, for the runtime's lines, context.Logger and Microsoft.Extensions.Logging alike.</summary>
[Collection(nameof(RuntimeLoop))]
public sealed partial class LoggingTests
{
    private static readonly Dictionary<string, string> Json = new() { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" };

    [Fact]
    public async Task In_JSON_every_line_of_runtime_context_logger_and_application_is_an_object_with_the_request_id()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var output = new StringWriter();
        var writer = new LambdaLogWriter(TextWriter.Synchronized(output), LambdaLogFormat.Json, LambdaLogLevel.Information);
        using var factory = LoggerFactory.Create(b => b.AddLambdaLogger(writer));
        var logger = factory.CreateLogger("VoicePay.Skill.Test");
        var builder = LambdaBootstrapBuilder.Create(async (input, context) =>
        {
            context.Logger.LogInformation("From the context logger.");
            context.Logger.LogLine("A raw line.");
            using (logger.BeginScope(new Dictionary<string, object?> { ["AlexaRequestId"] = "amzn1.echo-api.request.1" }))
            {
                // Work that hops threads still logs with the invocation's ID.
                await Task.Run(() => LogTransfer(logger, 2000.5m, "SendMoneyIntent", "Sent"));
            }

            throw new InvalidOperationException("boom");
        }).ConfigureOptions(o => o.LogWriter = writer);
        await using (var loop = RunningBootstrap.Start(builder, emulator))
        {
            var outcome = await emulator.Enqueue("{}", requestId: "req-json").WaitAsync(RunningBootstrap.Patience);
            Assert.True(outcome.IsError);
        }

        var lines = Lines(output);
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            foreach (var key in new[] { "timestamp", "level", "message", "requestId" })
            {
                Assert.True(json.RootElement.TryGetProperty(key, out _), $"no {key} in {line}");
            }
        });
        var invocation = lines.Select(Parse).Where(e => e.GetProperty("requestId").ValueKind != JsonValueKind.Null).ToList();
        Assert.All(invocation, e => Assert.Equal("req-json", e.GetProperty("requestId").GetString()));
        Assert.Contains(invocation, e => e.GetProperty("message").GetString() == "From the context logger." && e.GetProperty("level").GetString() == "INFO");
        Assert.Contains(invocation, e => e.GetProperty("message").GetString() == "A raw line.");
        var transfer = Assert.Single(invocation, e => e.TryGetProperty("category", out var c) && c.GetString() == "VoicePay.Skill.Test");
        Assert.Equal("Transfer of 2000.5 for SendMoneyIntent: Sent", transfer.GetProperty("message").GetString());
        Assert.Equal("SendMoneyIntent", transfer.GetProperty("Intent").GetString());
        Assert.Equal(2000.5m, transfer.GetProperty("Amount").GetDecimal());
        Assert.Equal("amzn1.echo-api.request.1", transfer.GetProperty("AlexaRequestId").GetString());
        var failure = Assert.Single(invocation, e => e.GetProperty("level").GetString() == "ERROR");
        Assert.Equal("InvalidOperationException", failure.GetProperty("errorType").GetString());
        Assert.Equal("VoicePay.Lambda", failure.GetProperty("category").GetString());

        // The runtime's start line is outside any invocation.
        Assert.Contains(lines.Select(Parse), e => e.GetProperty("requestId").ValueKind == JsonValueKind.Null
            && e.GetProperty("message").GetString()!.StartsWith("Lambda runtime started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_level_drops_lower_entries_of_the_context_logger_and_of_application_logging()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var output = new StringWriter();
        var writer = LambdaLogWriter.FromEnvironment(
            RunningBootstrap.Environment(emulator, new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = "WARN" }),
            TextWriter.Synchronized(output));
        using var factory = LoggerFactory.Create(b => b.AddLambdaLogger(writer));
        var logger = factory.CreateLogger("App");
        var builder = LambdaBootstrapBuilder.Create((input, context) =>
        {
            context.Logger.LogInformation("context info");
            context.Logger.LogWarning("context warning");
            LogInfo(logger, "app info");
            LogWarning(logger, "app warning");
            return Task.FromResult(input);
        }).ConfigureOptions(o => o.LogWriter = writer);
        await using (var loop = RunningBootstrap.Start(builder, emulator))
        {
            await emulator.Enqueue("{}", requestId: "req-level").WaitAsync(RunningBootstrap.Patience);
        }

        var messages = Lines(output).Select(l => Parse(l).GetProperty("message").GetString()).ToList();
        Assert.Contains("context warning", messages);
        Assert.Contains("app warning", messages);
        Assert.DoesNotContain("context info", messages);
        Assert.DoesNotContain("app info", messages);
        Assert.False(logger.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task In_text_application_lines_have_the_tab_format_with_request_id_level_and_category()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var output = new StringWriter();
        var writer = new LambdaLogWriter(TextWriter.Synchronized(output), LambdaLogFormat.Text, LambdaLogLevel.Information);
        using var factory = LoggerFactory.Create(b => b.AddLambdaLogger(writer));
        var logger = factory.CreateLogger("App");
        var builder = LambdaBootstrapBuilder.Create((input, _) =>
        {
            LogWarning(logger, "careful");
            return Task.FromResult(input);
        }).ConfigureOptions(o => o.LogWriter = writer);
        await using (var loop = RunningBootstrap.Start(builder, emulator))
        {
            await emulator.Enqueue("{}", requestId: "req-text").WaitAsync(RunningBootstrap.Patience);
        }

        Assert.Contains(Lines(output), line => line.EndsWith("\treq-text\tWARN\t[App] careful", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_named_like_a_reserved_key_is_kept_under_another_name()
    {
        var output = new StringWriter();
        var writer = new LambdaLogWriter(output, LambdaLogFormat.Json, LambdaLogLevel.Trace);

        writer.Write(LambdaLogLevel.Debug, "m", fields: [new("RequestId", "alexa-1"), new("message", "x"), new("Count", 3), new("Idempotency-Key", new[] { "idem-1" }), new("Authorization", "Bearer t0ken"), new("AccessToken", "t0ken"), new("IdempotencyKey", "k1")]);

        var entry = Parse(Lines(output).Single());
        Assert.Equal("m", entry.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("requestId").ValueKind);
        Assert.Equal("alexa-1", entry.GetProperty("app_RequestId").GetString());
        Assert.Equal("x", entry.GetProperty("app_message").GetString());
        Assert.Equal(3, entry.GetProperty("Count").GetInt32());
        Assert.Equal("String[]", entry.GetProperty("Idempotency-Key").GetString());
        Assert.DoesNotContain("idem-1", Lines(output).Single(), StringComparison.Ordinal);
        Assert.Equal("k1", entry.GetProperty("IdempotencyKey").GetString());
        Assert.Equal("*", entry.GetProperty("Authorization").GetString());
        Assert.Equal("*", entry.GetProperty("AccessToken").GetString());
        Assert.DoesNotContain("t0ken", Lines(output).Single(), StringComparison.Ordinal);
        Assert.Equal("DEBUG", entry.GetProperty("level").GetString());
    }

    internal static List<string> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    internal static JsonElement Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer of {Amount} for {Intent}: {Outcome}")]
    private static partial void LogTransfer(ILogger logger, decimal amount, string intent, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text}")]
    private static partial void LogInfo(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Text}")]
    private static partial void LogWarning(ILogger logger, string text);
}
