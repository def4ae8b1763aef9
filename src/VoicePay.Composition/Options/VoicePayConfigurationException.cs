namespace VoicePay.Composition.Options;

/// <summary>
/// A configuration value that cannot be used. The message names the key (<c>VoicePay:Pin:MaxAttempts</c>) and the rule,
/// never the value of a secret: entry points print it as one line (CLI), refuse to start (host) or report it as the
/// Lambda's init error.
/// </summary>
public sealed class VoicePayConfigurationException : Exception
{
    public VoicePayConfigurationException()
    {
    }

    public VoicePayConfigurationException(string message)
        : base(message)
    {
    }

    public VoicePayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
