using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Checks a downloaded PEM chain: the first certificate signs requests, it must be current, name
/// <c>echo-api.amazon.com</c> in its Subject Alternative Names and chain up to a trusted root
/// through the certificates that follow it.
/// </summary>
internal sealed class SigningChainValidator(AlexaVerificationOptions options, ILogger logger)
{
    public const string AlexaSigningDomain = "echo-api.amazon.com";

    private const string SubjectAlternativeNameOid = "2.5.29.17";

    // Amazon signs with RSA-2048; anything weaker is not Amazon.
    private const int MinRsaKeySize = 2048;

    public sealed record SigningChain(X509Certificate2 SigningCertificate, DateTimeOffset ValidUntil);

    public VerificationFailure Validate(Uri url, byte[] pem, DateTimeOffset now, out SigningChain? result)
    {
        result = null;
        var certificates = new X509Certificate2Collection();
        try
        {
            if (pem.Length == 0 || pem.Length > options.MaxCertificateChainBytes)
            {
                return VerificationFailure.CertificateChainMalformed;
            }

            try
            {
                certificates.ImportFromPem(Encoding.ASCII.GetString(pem));
            }
            catch (CryptographicException)
            {
                return VerificationFailure.CertificateChainMalformed;
            }

            if (certificates.Count == 0)
            {
                return VerificationFailure.CertificateChainMalformed;
            }

            var signing = certificates[0];
            var failure = CheckSigningCertificate(signing, now);
            if (failure != VerificationFailure.None)
            {
                return failure;
            }

            failure = BuildChain(url, certificates, now, out var validUntil);
            if (failure != VerificationFailure.None)
            {
                return failure;
            }

            certificates.RemoveAt(0);
            result = new SigningChain(signing, validUntil);
            return VerificationFailure.None;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static VerificationFailure CheckSigningCertificate(X509Certificate2 signing, DateTimeOffset now)
    {
        using (var key = signing.GetRSAPublicKey())
        {
            if (key is null || key.KeySize < MinRsaKeySize)
            {
                return VerificationFailure.CertificateChainMalformed;
            }
        }

        if (now < new DateTimeOffset(signing.NotBefore))
        {
            return VerificationFailure.CertificateNotYetValid;
        }

        if (now > new DateTimeOffset(signing.NotAfter))
        {
            return VerificationFailure.CertificateExpired;
        }

        return NamesAlexa(signing) ? VerificationFailure.None : VerificationFailure.CertificateSubjectMismatch;
    }

    // Only the SAN counts, never the subject CN: that is what Amazon specifies and what TLS does.
    private static bool NamesAlexa(X509Certificate2 signing)
    {
        foreach (var extension in signing.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            var names = extension as X509SubjectAlternativeNameExtension
                ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            try
            {
                foreach (var name in names.EnumerateDnsNames())
                {
                    if (string.Equals(name, AlexaSigningDomain, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
            catch (CryptographicException)
            {
                return false;
            }
        }

        return false;
    }

    private VerificationFailure BuildChain(Uri url, X509Certificate2Collection certificates, DateTimeOffset now, out DateTimeOffset validUntil)
    {
        validUntil = default;
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = options.RevocationMode;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.VerificationFlags = X509VerificationFlags.NoFlag;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;

        // Everything needed must be in the PEM: following AIA links would let the chain fetch more URLs.
        policy.DisableCertificateDownloads = true;
        for (var i = 1; i < certificates.Count; i++)
        {
            policy.ExtraStore.Add(certificates[i]);
        }

        if (options.TrustedRoots.Count > 0)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(options.TrustedRoots);
        }

        try
        {
            if (!chain.Build(certificates[0]))
            {
                var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
                VerificationLog.ChainUntrusted(logger, url, status);
                return VerificationFailure.CertificateChainUntrusted;
            }

            validUntil = DateTimeOffset.MaxValue;
            foreach (var element in chain.ChainElements)
            {
                var notAfter = new DateTimeOffset(element.Certificate.NotAfter);
                validUntil = notAfter < validUntil ? notAfter : validUntil;
            }

            return VerificationFailure.None;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
