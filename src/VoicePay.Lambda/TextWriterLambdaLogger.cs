using System.Globalization;

namespace VoicePay.Lambda;

/// <summary>
/// The per-invocation logger: one line per entry in Lambda's text format
/// (<c>timestamp TAB request-id TAB LEVEL TAB message</c>), so CloudWatch can filter by request and level.
/// </summary>
internal sealed class TextWriterLambdaLogger(TextWriter output, string requestId, LambdaLogLevel minimumLevel, TimeProvider timeProvider)
    : ILambdaLogger
{
    public void Log(string message) => output.Write(message);

    public void LogLine(string message) => output.WriteLine(message);

    public void Log(LambdaLogLevel level, string message)
    {
        if (level < minimumLevel)
        {
            return;
        }

        // One WriteLine per entry: TextWriter.Synchronized (Console.Out) keeps concurrent entries whole.
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{timeProvider.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ}\t{requestId}\t{Name(level)}\t{message}"));
    }

    internal static string Name(LambdaLogLevel level) => level switch
    {
        LambdaLogLevel.Trace => "TRACE",
        LambdaLogLevel.Debug => "DEBUG",
        LambdaLogLevel.Information => "INFO",
        LambdaLogLevel.Warning => "WARN",
        LambdaLogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
