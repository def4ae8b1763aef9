namespace VoicePay.Lambda;

/// <summary>
/// The per-invocation <see cref="ILambdaLogger"/>: lines through the function's <see cref="LambdaLogWriter"/>
/// (text or JSON, as configured), with the invocation's request ID.
/// </summary>
internal sealed class TextWriterLambdaLogger(LambdaLogWriter writer) : ILambdaLogger
{
    public void Log(string message) => writer.WriteRaw(message, newLine: false);

    public void LogLine(string message) => writer.WriteRaw(message, newLine: true);

    public void Log(LambdaLogLevel level, string message) => writer.Write(level, message);
}
