namespace VoicePay.Cli;

/// <summary>Where the CLI reads and writes: the process's console, or a test's strings.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsInputRedirected)
{
    public static CliConsole System => new(Console.Out, Console.Error, Console.In, Console.IsInputRedirected);
}

/// <summary>A mistake the person can fix (a missing file, a bad option value): one line on stderr, exit code 2.</summary>
public sealed class UserErrorException : Exception
{
    public UserErrorException()
    {
    }

    public UserErrorException(string message)
        : base(message)
    {
    }

    public UserErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The skill or a conversation script failed (a reply fell short, the bank refused).</summary>
    public const int Failed = 1;

    /// <summary>A user mistake: bad arguments, missing or malformed files, a port in use.</summary>
    public const int UserError = 2;
}
