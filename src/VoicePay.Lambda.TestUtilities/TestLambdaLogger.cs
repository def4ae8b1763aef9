using System.Text;

namespace VoicePay.Lambda.TestUtilities;

/// <summary>An <see cref="ILambdaLogger"/> that keeps what was logged, as in Amazon.Lambda.TestUtilities.</summary>
public sealed class TestLambdaLogger : ILambdaLogger
{
    private readonly Lock _gate = new();
    private readonly List<(LambdaLogLevel Level, string Message)> _entries = [];

    /// <summary>Everything logged, as text (leveled entries as <c>LEVEL message</c> lines).</summary>
    public StringBuilder Buffer { get; } = new();

    /// <summary>The leveled entries, in order.</summary>
    public IReadOnlyList<(LambdaLogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public void Log(string message)
    {
        lock (_gate)
        {
            Buffer.Append(message);
        }
    }

    public void LogLine(string message)
    {
        lock (_gate)
        {
            Buffer.Append(message).Append('\n');
        }
    }

    public void Log(LambdaLogLevel level, string message)
    {
        lock (_gate)
        {
            _entries.Add((level, message));
            Buffer.Append(LambdaLogWriter.LevelName(level)).Append(' ').Append(message).Append('\n');
        }
    }
}
