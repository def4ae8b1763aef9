using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VoicePay.Lambda;

/// <summary>
/// Writes every log line of the function, the runtime's and the application's alike, in the format and from the
/// level the function is configured with (<c>AWS_LAMBDA_LOG_FORMAT</c>, <c>AWS_LAMBDA_LOG_LEVEL</c>). One write per
/// line, so concurrent lines never interleave. Lines written while an invocation runs (on any thread its work flows
/// to) carry its request ID.
/// </summary>
/// <remarks>
/// JSON lines: <c>{"timestamp","level","message","requestId"[,"traceId"][,"category"][,"errorType"], fields…}</c>.
/// Levels use Lambda's names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL), so Lambda's log-level filtering and
/// CloudWatch Logs Insights work on them. A field whose name clashes with one of those keys is written as
/// <c>app_Name</c>. Exceptions contribute their type only: messages and stack traces can carry data. Fields whose
/// names say they hold a credential (Authorization, Cookie, …Token, Secret, Password, Pepper, ApiKey, Signature, Pin)
/// are written as <c>"*"</c>.
/// </remarks>
public sealed class LambdaLogWriter
{
    private static readonly AsyncLocal<InvocationLogContext?> Current = new();

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Logs are not HTML: keep '<', '&' and non-ASCII readable. Quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> ReservedKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "timestamp", "level", "message", "requestId", "traceId", "category", "errorType",
    };

    private readonly TextWriter _output;
    private readonly TimeProvider _time;

    public LambdaLogWriter(TextWriter output, LambdaLogFormat format, LambdaLogLevel minimumLevel, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        Format = format;
        MinimumLevel = minimumLevel;
        _time = timeProvider ?? TimeProvider.System;
    }

    public LambdaLogFormat Format { get; }

    public LambdaLogLevel MinimumLevel { get; }

    /// <summary>The request ID of the invocation the calling code runs for, or null outside one.</summary>
    public static string? CurrentRequestId => Current.Value?.RequestId;

    /// <summary>Format and level from the environment; stdout unless <paramref name="output"/> is given.</summary>
    public static LambdaLogWriter FromEnvironment(LambdaEnvironment environment, TextWriter? output = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new LambdaLogWriter(output ?? Console.Out, environment.LogFormat, environment.MinimumLogLevel, timeProvider);
    }

    /// <summary>Lambda's name for a level, as in the text format and the JSON <c>level</c> key.</summary>
    public static string LevelName(LambdaLogLevel level) => level switch
    {
        LambdaLogLevel.Trace => "TRACE",
        LambdaLogLevel.Debug => "DEBUG",
        LambdaLogLevel.Information => "INFO",
        LambdaLogLevel.Warning => "WARN",
        LambdaLogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    public bool IsEnabled(LambdaLogLevel level) => level >= MinimumLevel;

    /// <summary>
    /// The <c>level</c> for lines that must reach CloudWatch whatever the configured level (metrics): Lambda's log-level
    /// filter drops JSON lines below <c>AWS_LAMBDA_LOG_LEVEL</c> and counts a line without a level as INFO, so such a
    /// line carries the configured level itself, never less than INFO (the filter's own default).
    /// </summary>
    public string UnfilteredLevelName => LevelName(MinimumLevel > LambdaLogLevel.Information ? MinimumLevel : LambdaLogLevel.Information);

    /// <summary>
    /// Writes one entry if <paramref name="level"/> is enabled. <paramref name="fields"/> are written in JSON only
    /// (the text format has the message alone); of <paramref name="exception"/> only the type is written.
    /// </summary>
    public void Write(
        LambdaLogLevel level,
        string message,
        string? category = null,
        IEnumerable<KeyValuePair<string, object?>>? fields = null,
        Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsEnabled(level))
        {
            return;
        }

        var invocation = Current.Value;
        var timestamp = _time.GetUtcNow();
        if (Format == LambdaLogFormat.Json)
        {
            _output.WriteLine(Json(timestamp, level, message, invocation, category, fields, exception));
            return;
        }

        var text = new StringBuilder(message.Length + 64);
        text.Append(CultureInfo.InvariantCulture, $"{timestamp:yyyy-MM-ddTHH:mm:ss.fffZ}\t{invocation?.RequestId ?? "-"}\t{LevelName(level)}\t");
        if (category is not null)
        {
            text.Append('[').Append(category).Append("] ");
        }

        text.Append(message);
        if (exception is not null)
        {
            text.Append(" (").Append(exception.GetType().Name).Append(')');
        }

        _output.WriteLine(text.ToString());
    }

    /// <summary>
    /// Text written as it is (<see cref="ILambdaLogger.Log(string)"/>, <see cref="ILambdaLogger.LogLine"/>). In JSON
    /// every line must be an object, so it becomes an INFO entry.
    /// </summary>
    public void WriteRaw(string message, bool newLine)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Format == LambdaLogFormat.Json)
        {
            Write(LambdaLogLevel.Information, message);
        }
        else if (newLine)
        {
            _output.WriteLine(message);
        }
        else
        {
            _output.Write(message);
        }
    }

    /// <summary>
    /// One JSON object written as it is, as one line, in either format and whatever the level: CloudWatch Embedded
    /// Metric Format lines, which are metrics rather than log entries. The caller writes a complete object.
    /// </summary>
    public void WriteObjectLine(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        _output.WriteLine(json);
    }

    /// <summary>The X-Ray trace header of the invocation the calling code runs for, or null.</summary>
    public static string? CurrentTraceId => Current.Value?.TraceId;

    /// <summary>Until disposed, lines written by this async flow carry <paramref name="requestId"/>.</summary>
    internal static IDisposable BeginInvocation(string requestId, string traceId)
    {
        var previous = Current.Value;
        Current.Value = new InvocationLogContext(requestId, traceId.Length > 0 ? traceId : null);
        return new Restore(previous);
    }

    private static string Json(
        DateTimeOffset timestamp,
        LambdaLogLevel level,
        string message,
        InvocationLogContext? invocation,
        string? category,
        IEnumerable<KeyValuePair<string, object?>>? fields,
        Exception? exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(level));
            json.WriteString("message", message);
            if (invocation is null)
            {
                json.WriteNull("requestId");
            }
            else
            {
                json.WriteString("requestId", invocation.RequestId);
                if (invocation.TraceId is not null)
                {
                    json.WriteString("traceId", invocation.TraceId);
                }
            }

            if (category is not null)
            {
                json.WriteString("category", category);
            }

            if (exception is not null)
            {
                json.WriteString("errorType", exception.GetType().Name);
            }

            if (fields is not null)
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in fields)
                {
                    if (string.IsNullOrEmpty(key) || key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    var name = ReservedKeys.Contains(key) ? "app_" + key : key;
                    if (written.Add(name))
                    {
                        json.WritePropertyName(name);
                        if (IsSecretName(key))
                        {
                            json.WriteStringValue("*");
                        }
                        else
                        {
                            WriteValue(json, value);
                        }
                    }
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // HttpClient's header logging, for one, redacts values in its message but hands the real ones over as state.
    private static bool IsSecretName(string name) =>
        Array.Exists(SecretNameParts, part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
        || string.Equals(name, "Pin", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] SecretNameParts = ["Authorization", "Cookie", "Token", "Secret", "Password", "Pepper", "ApiKey", "Api-Key", "Signature"];

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case short s16: json.WriteNumberValue(s16); break;
            case byte u8: json.WriteNumberValue(u8); break;
            case uint u32: json.WriteNumberValue(u32); break;
            case ulong u64: json.WriteNumberValue(u64); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTime t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan t: json.WriteNumberValue(t.TotalMilliseconds); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            case IFormattable f: json.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;

            // Collections are not expanded, as in the framework's JSON console: HttpClient's header logging hands over
            // every header's values as state even when the client asked for them to be redacted.
            case System.Collections.IEnumerable: json.WriteStringValue(value.GetType().Name); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }

    private sealed record InvocationLogContext(string RequestId, string? TraceId);

    private sealed class Restore(InvocationLogContext? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
