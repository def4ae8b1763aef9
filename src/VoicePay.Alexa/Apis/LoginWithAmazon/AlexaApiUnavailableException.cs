using System.Net;

namespace VoicePay.Alexa.Apis.LoginWithAmazon;

/// <summary>
/// Login with Amazon gave no token. <see cref="Transient"/>: worth another try soon (5xx, 429, timeout, no connection);
/// otherwise the credentials or the request are wrong and only a configuration change helps.
/// The message never carries the secret or a token.
/// </summary>
public sealed class AlexaApiUnavailableException : Exception
{
    public AlexaApiUnavailableException()
    {
    }

    public AlexaApiUnavailableException(string message)
        : base(message)
    {
    }

    public AlexaApiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlexaApiUnavailableException(string message, HttpStatusCode? status, bool transient, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Transient = transient;
    }

    public HttpStatusCode? Status { get; }

    public bool Transient { get; }
}
