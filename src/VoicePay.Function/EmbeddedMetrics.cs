using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VoicePay.Lambda;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Function;

/// <summary>
/// The <c>VoicePay</c> meter exported as CloudWatch Embedded Metric Format: a <see cref="MeterListener"/> sums
/// counters and keeps histogram values while an invocation runs, and <see cref="Flush"/> writes them at its end as
/// EMF JSON lines (namespace <c>VoicePay</c>) through the function's log writer, one line per distinct tag set (EMF
/// puts dimension values at the top level, so two values of one dimension need two lines). CloudWatch turns them
/// into metrics; no agent, no SDK, no call. Created on the first invocation, never on the init path.
/// </summary>
public sealed class EmbeddedMetrics : IDisposable
{
    public const string Namespace = "VoicePay";

    /// <summary>EMF accepts at most 100 values per metric in one line; more in one invocation are dropped.</summary>
    private const int MaxValues = 100;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LambdaLogWriter logs;
    private readonly TimeProvider time;
    private readonly MeterListener listener;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);

    public EmbeddedMetrics(LambdaLogWriter logs, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(logs);
        this.logs = logs;
        this.time = time ?? TimeProvider.System;
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == VoicePayTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    /// <summary>Writes what was measured since the last flush (nothing when nothing was) and starts afresh.</summary>
    public void Flush()
    {
        Series[] measured;
        lock (gate)
        {
            if (series.Count == 0)
            {
                return;
            }

            measured = [.. series.Values];
            series.Clear();
        }

        var timestamp = time.GetUtcNow();
        foreach (var line in measured.GroupBy(s => s.TagKey, StringComparer.Ordinal))
        {
            logs.WriteObjectLine(Line([.. line], timestamp, logs.UnfilteredLevelName));
        }
    }

    public void Dispose() => listener.Dispose();

    /// <summary>EMF's unit for an instrument's UCUM-style unit.</summary>
    public static string UnitOf(string? unit) => unit switch
    {
        "ms" => "Milliseconds",
        "s" => "Seconds",
        "By" => "Bytes",
        ['{', .., '}'] => "Count",
        _ => "None",
    };

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = new KeyValuePair<string, string>[tags.Length];
        var count = 0;
        foreach (var tag in tags)
        {
            // CloudWatch dimension values are non-empty strings.
            if (Convert.ToString(tag.Value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                sorted[count++] = new(tag.Key, text);
            }
        }

        Array.Resize(ref sorted, count);
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var tagKey = string.Join('\u001f', sorted.Select(t => t.Key + "\u001e" + t.Value));
        var isHistogram = instrument is Histogram<double> or Histogram<long>;
        lock (gate)
        {
            var key = instrument.Name + "\u001d" + tagKey;
            if (!series.TryGetValue(key, out var entry))
            {
                entry = new Series(instrument.Name, UnitOf(instrument.Unit), tagKey, sorted, isHistogram);
                series.Add(key, entry);
            }

            if (isHistogram)
            {
                if (entry.Values.Count < MaxValues)
                {
                    entry.Values.Add(value);
                }
            }
            else
            {
                entry.Sum += value;
            }
        }
    }

    private static string Line(Series[] line, DateTimeOffset timestamp, string level)
    {
        var tags = line[0].Tags;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var tag in tags)
            {
                json.WriteStringValue(tag.Key);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in line)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            // The keys every JSON log line has, so the line reads as a log entry too (and Logs Insights finds it by request).
            // The level is the configured one (INFO at least): Lambda drops JSON lines below AWS_LAMBDA_LOG_LEVEL, and
            // metrics must reach CloudWatch at WARN or ERROR too.
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", level);
            json.WriteString("message", "metrics");
            json.WriteString("requestId", LambdaLogWriter.CurrentRequestId);
            if (LambdaLogWriter.CurrentTraceId is { } traceId)
            {
                json.WriteString("traceId", traceId);
            }

            foreach (var tag in tags)
            {
                json.WriteString(tag.Key, tag.Value);
            }

            foreach (var metric in line)
            {
                if (metric.IsHistogram)
                {
                    json.WriteStartArray(metric.Name);
                    foreach (var value in metric.Values)
                    {
                        json.WriteNumberValue(value);
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNumber(metric.Name, metric.Sum);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed class Series(string name, string unit, string tagKey, KeyValuePair<string, string>[] tags, bool isHistogram)
    {
        public string Name { get; } = name;

        public string Unit { get; } = unit;

        public string TagKey { get; } = tagKey;

        public KeyValuePair<string, string>[] Tags { get; } = tags;

        public bool IsHistogram { get; } = isHistogram;

        public List<double> Values { get; } = [];

        public double Sum { get; set; }
    }
}
