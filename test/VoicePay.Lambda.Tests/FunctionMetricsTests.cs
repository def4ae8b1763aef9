using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using VoicePay.Function;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Lambda.Tests;

/// <summary>The function's metrics as CloudWatch Embedded Metric Format lines, and the X-Ray trace header carried into the turn's span.</summary>
[Collection(nameof(RuntimeLoop))]
public sealed class FunctionMetricsTests
{
    private const string XRayHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task A_payment_invocation_writes_valid_EMF_lines_with_the_sent_transfer_the_pin_check_and_the_turn()
    {
        await using var function = await InProcessFunction.StartAsync(
            new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" },
            pin: "1234");
        // The balance asks for the PIN; with it verified in the session, "yes" to the read-back sends.
        string[] events = ["launch.json", "check-balance.json", "pin.json", "send-money.json", "send-money-confirm.json"];
        var ends = new List<int>();
        for (var i = 0; i < events.Length; i++)
        {
            var outcome = await function.InvokeAsync(InProcessFunction.Event(events[i]), $"emf-request-{i}", XRayHeader);
            Assert.False(outcome.IsError, $"{events[i]}: {outcome.Body}");
            ends.Add(function.Output.ToString().Length);
        }

        Assert.Equal(1, function.Ledger.Audit().TransferCount);
        var output = function.Output.ToString();

        List<JsonElement> MetricsOf(int invocation) =>
            [.. output[(invocation == 0 ? 0 : ends[invocation - 1])..ends[invocation]].Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal)).Select(Emf)];

        // The last invocation (the "yes" that sends) wrote its metrics before it ended.
        var paying = MetricsOf(events.Length - 1);
        Assert.NotEmpty(paying);
        Assert.All(paying, line => Assert.Equal($"emf-request-{events.Length - 1}", line.GetProperty("requestId").GetString()));
        Assert.All(paying, line => Assert.Equal(XRayHeader, line.GetProperty("traceId").GetString()));

        var transfers = Assert.Single(paying, l => l.TryGetProperty("voicepay.transfers", out _));
        Assert.Equal(1, transfers.GetProperty("voicepay.transfers").GetDouble());
        Assert.Equal("sent", transfers.GetProperty("outcome").GetString());
        Assert.Equal(["attempt", "outcome"], Dimensions(transfers));
        Assert.Equal("Count", Unit(transfers, "voicepay.transfers"));

        var pin = Assert.Single(MetricsOf(2), l => l.TryGetProperty("voicepay.pin.attempts", out _));
        Assert.Equal("verified", pin.GetProperty("result").GetString());
        Assert.Equal(1, pin.GetProperty("voicepay.pin.attempts").GetDouble());

        var turn = Assert.Single(paying, l => l.TryGetProperty("voicepay.turn.duration", out _));
        Assert.Equal("SendMoneyIntent", turn.GetProperty("intent").GetString());
        Assert.Equal("IntentRequest", turn.GetProperty("request_type").GetString());
        Assert.Equal("Milliseconds", Unit(turn, "voicepay.turn.duration"));
        Assert.Single(turn.GetProperty("voicepay.turn.duration").EnumerateArray());

        var send = Assert.Single(paying, l => l.TryGetProperty("operation", out var o) && o.GetString() == "transfer.send");
        Assert.Equal("ok", send.GetProperty("outcome").GetString());
        Assert.Single(send.GetProperty("voicepay.bank.duration").EnumerateArray());

        // Every invocation wrote at least its turn; none carries a secret.
        for (var i = 0; i < events.Length; i++)
        {
            Assert.Contains(MetricsOf(i), l => l.TryGetProperty("voicepay.turn.duration", out _));
        }

        Assert.DoesNotContain("demo-alice-token", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// At WARN or ERROR Lambda drops every JSON line below that level, and a line without a level counts as INFO: the
    /// metrics must still get through Lambda's filter, while the application's INFO lines stay filtered.
    /// </summary>
    [Theory]
    [InlineData("WARN")]
    [InlineData("ERROR")]
    public async Task Metrics_pass_Lambdas_log_level_filter_at_every_level_while_info_logs_do_not(string level)
    {
        await using var function = await InProcessFunction.StartAsync(
            new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = level },
            pin: "1234");
        foreach (var name in new[] { "launch.json", "check-balance.json", "pin.json" })
        {
            var outcome = await function.InvokeAsync(InProcessFunction.Event(name));
            Assert.False(outcome.IsError, $"{name}: {outcome.Body}");
        }

        var output = function.Output.ToString();
        var delivered = LambdaLogLevelFilter.Passing(output, level).ToList();
        var metrics = delivered.Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal)).Select(Emf).ToList();
        Assert.Contains(metrics, l => l.TryGetProperty("voicepay.turn.duration", out _));
        Assert.Contains(metrics, l => l.TryGetProperty("voicepay.pin.attempts", out _));
        Assert.Equal(
            output.Split('\n').Count(l => l.Contains("\"_aws\"", StringComparison.Ordinal)),
            metrics.Count);

        // Nothing at INFO or below is written as an application log line at this level.
        Assert.DoesNotContain(
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => !l.Contains("\"_aws\"", StringComparison.Ordinal) && LambdaLogLevelFilter.LevelOf(l) is "INFO" or "DEBUG" or "TRACE");
    }

    [Fact]
    public async Task At_INFO_the_application_logs_INFO_lines_and_the_metrics_pass_too()
    {
        await using var function = await InProcessFunction.StartAsync(
            new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = "INFO" });
        Assert.False((await function.InvokeAsync(InProcessFunction.Event("launch.json"))).IsError);

        var output = function.Output.ToString();
        var metrics = LambdaLogLevelFilter.Passing(output, "INFO").Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal)).Select(Emf).ToList();
        Assert.Contains(metrics, l => l.TryGetProperty("voicepay.turn.duration", out _));
        Assert.All(metrics, l => Assert.Equal("INFO", l.GetProperty("level").GetString()));

        // The filter above is not vacuous: at INFO the application writes INFO lines, which WARN would drop.
        var info = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Contains("\"_aws\"", StringComparison.Ordinal) && LambdaLogLevelFilter.LevelOf(l) == "INFO").ToList();
        Assert.NotEmpty(info);
        Assert.Empty(LambdaLogLevelFilter.Passing(string.Join('\n', info), "WARN"));
    }

    [Fact]
    public async Task The_turn_span_carries_the_X_Ray_trace_id_of_the_invocation()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VoicePayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var function = await InProcessFunction.StartAsync();

        var outcome = await function.InvokeAsync(InProcessFunction.Event("launch.json"), "xray-request-1", XRayHeader);

        Assert.False(outcome.IsError, outcome.Body);
        var traceId = ActivityTraceId.CreateFromString("5759e988bd862e3fe1be46a994272793");
        var mine = spans.Where(s => s.TraceId == traceId).ToList();
        var invocation = Assert.Single(mine, s => s.OperationName == "invocation");
        Assert.Equal("53995c3f42cd8ad8", invocation.ParentSpanId.ToHexString());
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", invocation.GetTagItem("aws.xray.trace_header"));
        Assert.Equal("xray-request-1", invocation.GetTagItem("faas.invocation_id"));
        var turn = Assert.Single(mine, s => s.OperationName == "turn");
        Assert.Equal(invocation.SpanId, turn.ParentSpanId);
    }

    [Theory]
    [InlineData(XRayHeader, true)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8", true)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793", false)]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8", false)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279x;Parent=53995c3f42cd8ad8", false)]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void X_Ray_headers_become_W3C_parents_only_when_well_formed(string? header, bool parsed)
    {
        Assert.Equal(parsed, XRayTraceHeader.TryParse(header, out var context));
        if (parsed)
        {
            Assert.Equal("5759e988bd862e3fe1be46a994272793", context.TraceId.ToHexString());
            Assert.Equal("53995c3f42cd8ad8", context.SpanId.ToHexString());
            Assert.Equal(header!.EndsWith("Sampled=1", StringComparison.Ordinal), context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        }
    }

    /// <summary>Parses one EMF line and checks it against the specification's rules.</summary>
    private static JsonElement Emf(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var aws = root.GetProperty("_aws");
        Assert.True(aws.GetProperty("Timestamp").GetInt64() > 0);
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("VoicePay", directive.GetProperty("Namespace").GetString());
        foreach (var set in directive.GetProperty("Dimensions").EnumerateArray())
        {
            Assert.InRange(set.GetArrayLength(), 0, 30);
            foreach (var dimension in set.EnumerateArray())
            {
                Assert.False(string.IsNullOrEmpty(root.GetProperty(dimension.GetString()!).GetString()), $"Dimension {dimension} has no value: {line}");
            }
        }

        var metrics = directive.GetProperty("Metrics").EnumerateArray().ToList();
        Assert.InRange(metrics.Count, 1, 100);
        foreach (var metric in metrics)
        {
            var value = root.GetProperty(metric.GetProperty("Name").GetString()!);
            Assert.Contains(metric.GetProperty("Unit").GetString(), new[] { "Count", "Milliseconds", "Seconds", "Bytes", "None" });
            if (value.ValueKind == JsonValueKind.Array)
            {
                Assert.InRange(value.GetArrayLength(), 1, 100);
                Assert.All(value.EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
            }
            else
            {
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
            }
        }

        return root.Clone();
    }

    private static string[] Dimensions(JsonElement line) =>
        [.. line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()!)];

    private static string? Unit(JsonElement line, string name) =>
        line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Single(m => m.GetProperty("Name").GetString() == name).GetProperty("Unit").GetString();
}
