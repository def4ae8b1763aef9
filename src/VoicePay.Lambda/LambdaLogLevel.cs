namespace VoicePay.Lambda;

/// <summary>Levels of <see cref="ILambdaLogger"/>, in increasing severity (Lambda's own names in the log line).</summary>
public enum LambdaLogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}
