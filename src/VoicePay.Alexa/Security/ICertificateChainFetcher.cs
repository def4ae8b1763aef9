namespace VoicePay.Alexa.Security;

/// <summary>Downloads the PEM certificate chain named by a validated <c>SignatureCertChainUrl</c>.</summary>
public interface ICertificateChainFetcher
{
    /// <summary>Returns the raw PEM bytes.</summary>
    /// <exception cref="CertificateChainFetchException">The chain could not be downloaded within the limits.</exception>
    Task<byte[]> FetchAsync(Uri url, CancellationToken cancellationToken);
}
