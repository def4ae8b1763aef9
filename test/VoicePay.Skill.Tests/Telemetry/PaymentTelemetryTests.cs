using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Telemetry;
using VoicePay.Skill.Tests.Conversation;

namespace VoicePay.Skill.Tests.Telemetry;

/// <summary>
/// A whole payment through the real composition and the sandbox bank over loopback, with a MeterListener and an
/// ActivityListener: the <c>VoicePay</c> metrics and spans it produces. Other tests run in parallel in this process,
/// so everything is filtered to this test's own trace (a root activity the turns run under).
/// </summary>
public sealed class PaymentTelemetryTests
{
    [Fact]
    public async Task A_payment_records_a_sent_transfer_pin_attempts_turn_and_bank_latency_and_a_span_per_turn_with_bank_children()
    {
        await using var harness = await SkillHarness.StartAsync();
        using var capture = new TelemetryCapture();
        var before = harness.CheckingBalance();

        using (capture.BeginTrace())
        {
            var talk = harness.NewConversation();
            await talk.Launch();
            await talk.SendMoney("20", "alice smith");
            await talk.Confirm();
            await talk.Pin("9999");
            await talk.Pin(SkillHarness.DemoPin);
        }

        Assert.Equal(before - 20m, harness.CheckingBalance());

        // Metrics.
        var sent = Assert.Single(capture.Measurements("voicepay.transfers"));
        Assert.Equal(1, sent.Value);
        Assert.Equal("sent", sent.Tags["outcome"]);
        Assert.Equal("first", sent.Tags["attempt"]);
        Assert.False(sent.Tags.ContainsKey("reason"));
        Assert.Equal(["verified", "wrong"], capture.Measurements("voicepay.pin.attempts").Select(m => m.Tags["result"]).Order(StringComparer.Ordinal));
        Assert.Empty(capture.Measurements("voicepay.pin.lockouts"));
        Assert.Empty(capture.Measurements("voicepay.transfers.unknown"));
        var turns = capture.Measurements("voicepay.turn.duration");
        Assert.Equal(5, turns.Count);
        Assert.Equal("LaunchRequest", turns[0].Tags["request_type"]);
        Assert.False(turns[0].Tags.ContainsKey("intent"));
        Assert.Equal(["PinIntent", "PinIntent", "SendMoneyIntent", "SendMoneyIntent"], turns.Skip(1).Select(t => t.Tags["intent"]).Order(StringComparer.Ordinal));
        Assert.All(turns, t => Assert.True(t.Value >= 0));
        var send = Assert.Single(capture.Measurements("voicepay.bank.duration"), m => m.Tags["operation"] == "transfer.send");
        Assert.Equal("ok", send.Tags["outcome"]);
        Assert.Contains(capture.Measurements("voicepay.bank.duration"), m => m.Tags["operation"] == "payees");

        // Spans: one per turn, directly under the test's root; bank and store spans inside the turns.
        var spans = capture.Spans();
        var turnSpans = spans.Where(s => s.Source.Name == VoicePayTelemetry.Name && s.OperationName == SkillPipeline.TurnSpanName).ToList();
        Assert.Equal(5, turnSpans.Count);
        Assert.All(turnSpans, t => Assert.Equal(capture.Root!.SpanId, t.ParentSpanId));
        Assert.All(turnSpans, t => Assert.Equal(ActivityKind.Server, t.Kind));
        Assert.Equal("LaunchRequest", turnSpans[0].GetTagItem("alexa.request.type"));
        var paying = Assert.Single(turnSpans, t => (string?)t.GetTagItem("voicepay.step") == "CheckPin" && spans.Any(s => s.OperationName == "transfer" && IsUnder(s, t, spans)));
        Assert.Equal("PinIntent", paying.GetTagItem("alexa.intent"));
        var bankSend = Assert.Single(spans, s => s.OperationName == "bank transfer.send");
        Assert.Equal(ActivityKind.Client, bankSend.Kind);
        Assert.True(IsUnder(bankSend, paying, spans));
        Assert.Equal("ok", bankSend.GetTagItem("voicepay.bank.outcome"));
        Assert.Contains(spans, s => s.OperationName == "journal.begin" && IsUnder(s, paying, spans));
        Assert.Contains(spans, s => s.OperationName == "journal.advance" && IsUnder(s, paying, spans));
        Assert.Equal("sent", spans.Single(s => s.OperationName == "transfer").GetTagItem("voicepay.transfer.outcome"));

        // W3C traceparent reached the bank: its server span (ASP.NET Core, from the incoming header) is a child of
        // HttpClient's span for the request, itself a child of the bank span.
        var httpOut = Assert.Single(capture.ServerSpans(), s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == bankSend.SpanId);
        var bankServer = capture.ServerSpans().Where(s => s.Source.Name == "Microsoft.AspNetCore" && s.ParentSpanId == httpOut.SpanId).ToList();
        Assert.Single(bankServer);
        Assert.Equal(bankSend.TraceId, bankServer[0].TraceId);
        Assert.True(bankServer[0].HasRemoteParent);

        // No secret in any tag.
        var tagText = string.Join('\n', spans.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"))
            + string.Join('\n', capture.AllMeasurements().SelectMany(m => m.Tags).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain("demo-alice-token", tagText, StringComparison.Ordinal);
        Assert.DoesNotContain(SkillHarness.DemoPin, tagText, StringComparison.Ordinal);
        Assert.DoesNotContain("9999", tagText, StringComparison.Ordinal);
        Assert.DoesNotContain("000123454821", tagText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_wrong_pins_count_a_lockout_and_a_lost_answer_counts_an_unknown_transfer_entering_and_leaving_the_backlog()
    {
        var faults = new BankFaults();
        await using var harness = await faults.StartHarnessAsync();
        using var capture = new TelemetryCapture();

        using (capture.BeginTrace())
        {
            faults.Transfers = BankFault.TimeoutAfterCommit;
            var talk = harness.NewConversation();
            await talk.SendMoney("20", "alice smith");
            await talk.Confirm();
            await talk.Pin(SkillHarness.DemoPin);

            // The next launch settles it with the same key.
            faults.Transfers = BankFault.None;
            await harness.NewConversation().Launch();

            var locking = harness.NewConversation();
            await locking.SendMoney("5", "alice smith");
            await locking.Confirm();
            await locking.Pin("1111");
            await locking.Pin("2222");
            await locking.Pin("3333");
        }

        var transfers = capture.Measurements("voicepay.transfers");
        Assert.Contains(transfers, m => m.Tags["outcome"] == "unknown" && m.Tags["attempt"] == "first");
        Assert.Contains(transfers, m => m.Tags["outcome"] == "sent" && m.Tags["attempt"] == "settle");
        Assert.Equal([1L, -1L], capture.Measurements("voicepay.transfers.unknown").Select(m => (long)m.Value));
        Assert.Equal(1, Assert.Single(capture.Measurements("voicepay.pin.lockouts")).Value);
        Assert.Equal(2, capture.Measurements("voicepay.pin.attempts").Count(m => m.Tags["result"] == "wrong"));
        Assert.Equal(1, capture.Measurements("voicepay.pin.attempts").Count(m => m.Tags["result"] == "locked"));
    }

    private static bool IsUnder(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>Listens to the VoicePay meter and source (and ASP.NET Core's server spans) for one trace only.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener meters = new();
    private readonly ActivityListener activities;
    private readonly ConcurrentQueue<Measured> measured = new();
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ConcurrentQueue<Activity> serverStarted = new();

    public TelemetryCapture()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is VoicePayTelemetry.Name or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // The bank's server spans are taken when they start: the bank may end one after the client has its answer.
            ActivityStarted = a =>
            {
                if (Root is { } root && a.TraceId == root.TraceId && a.Source.Name != VoicePayTelemetry.Name)
                {
                    serverStarted.Enqueue(a);
                }
            },
            ActivityStopped = a =>
            {
                if (Root is { } root && a.TraceId == root.TraceId && a.Source.Name == VoicePayTelemetry.Name)
                {
                    stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == VoicePayTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.Start();
    }

    /// <summary>The test's root activity; measurements and spans of other traces (parallel tests) are ignored.</summary>
    public Activity? Root { get; private set; }

    public Activity BeginTrace()
    {
        Root = new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();
        return Root;
    }

    public IReadOnlyList<Measured> Measurements(string instrument) => [.. measured.Where(m => m.Instrument == instrument)];

    public IReadOnlyList<Measured> AllMeasurements() => [.. measured];

    /// <summary>VoicePay spans of this trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans() => [.. stopped.OrderBy(a => a.StartTimeUtc)];

    /// <summary>HttpClient's spans and the sandbox bank's server spans of this trace (ASP.NET Core starts them from the incoming traceparent).</summary>
    public IReadOnlyList<Activity> ServerSpans() => [.. serverStarted];

    public void Dispose()
    {
        meters.Dispose();
        activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Root is not { } root || Activity.Current?.TraceId != root.TraceId)
        {
            return;
        }

        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        measured.Enqueue(new Measured(instrument.Name, value, copy));
    }
}
