using System.Text.Json;

namespace VoicePay.Lambda.Tests;

/// <summary>A whole payment through the function with AWS_LAMBDA_LOG_FORMAT=JSON: what CloudWatch would get.</summary>
[Collection(nameof(RuntimeLoop))]
public sealed class FunctionLogTests
{
    [Fact]
    public async Task Every_line_of_a_whole_conversation_is_JSON_with_the_request_id_of_its_invocation()
    {
        // TRACE: every line the function can write, HTTP client detail included.
        await using var function = await InProcessFunction.StartAsync(
            new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = "TRACE" },
            pin: "1234");
        string[] events = ["launch.json", "check-balance.json", "pin.json", "send-money.json", "send-money-confirm.json", "pin.json", "stop.json"];
        var windows = new List<(string RequestId, int End)>();
        for (var i = 0; i < events.Length; i++)
        {
            var requestId = $"lambda-request-{i}";
            var outcome = await function.InvokeAsync(InProcessFunction.Event(events[i]), requestId);
            Assert.False(outcome.IsError, $"{events[i]}: {outcome.Body}");
            windows.Add((requestId, function.Output.ToString().Length));
        }

        Assert.Equal(1, function.Ledger.Audit().TransferCount);
        var output = function.Output.ToString();
        var start = 0;
        var sawInvocation = false;
        var entries = new List<JsonElement>();
        foreach (var (requestId, end) in windows)
        {
            foreach (var line in output[start..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = ParseEntry(line);
                entries.Add(entry);
                var lineRequestId = entry.GetProperty("requestId").GetString();

                // Only the start-up lines (before the first invocation) stand outside an invocation.
                if (lineRequestId is null && !sawInvocation)
                {
                    continue;
                }

                sawInvocation = true;
                Assert.True(lineRequestId == requestId, $"Line in {requestId}'s invocation has requestId {lineRequestId}: {line}");
            }

            start = end;
        }

        // The skill's own lines are there, with their structured fields, and no secret is anywhere.
        Assert.Contains(entries, e => e.TryGetProperty("category", out var c) && c.GetString()!.StartsWith("VoicePay.Skill", StringComparison.Ordinal)
            && e.TryGetProperty("IntentName", out var intent) && intent.GetString() == "SendMoneyIntent");
        Assert.True(entries.Count > events.Length, $"Only {entries.Count} lines for {events.Length} invocations.");
        Assert.DoesNotContain("demo-alice-token", output, StringComparison.Ordinal);
        Assert.DoesNotContain(InProcessFunction.Pepper, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_text_the_function_writes_tab_separated_lines_with_the_request_id()
    {
        await using var function = await InProcessFunction.StartAsync();

        var outcome = await function.InvokeAsync(InProcessFunction.Event("launch.json"), "lambda-text-1");

        Assert.False(outcome.IsError, outcome.Body);
        var lines = function.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\tlambda-text-1\tINFO\t[VoicePay.Skill", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith('{'));
    }

    private static JsonElement ParseEntry(string line)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            Assert.Fail($"Not JSON ({ex.Message}): {line}");
            throw;
        }

        using (json)
        {
            foreach (var key in new[] { "timestamp", "level", "message", "requestId" })
            {
                Assert.True(json.RootElement.TryGetProperty(key, out _), $"No {key}: {line}");
            }

            return json.RootElement.Clone();
        }
    }
}
