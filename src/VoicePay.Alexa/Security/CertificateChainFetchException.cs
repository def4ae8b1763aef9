namespace VoicePay.Alexa.Security;

/// <summary>The certificate chain could not be downloaded: network error, timeout, status or size.</summary>
public sealed class CertificateChainFetchException : Exception
{
    public CertificateChainFetchException()
    {
    }

    public CertificateChainFetchException(string message)
        : base(message)
    {
    }

    public CertificateChainFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
