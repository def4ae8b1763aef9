using System.Security.Cryptography.X509Certificates;

namespace VoicePay.Alexa.Security;

/// <summary>Settings for <see cref="AlexaRequestVerifier"/> and <see cref="HttpCertificateChainFetcher"/>.</summary>
public sealed class AlexaVerificationOptions
{
    /// <summary>Amazon's limit for custom skills; a wider window only helps replayed requests.</summary>
    public static readonly TimeSpan DefaultTimestampTolerance = TimeSpan.FromSeconds(150);

    /// <summary>The ASK SDKs refuse anything wider than an hour (the skill-events delivery limit).</summary>
    public static readonly TimeSpan MaxTimestampTolerance = TimeSpan.FromHours(1);

    /// <summary>The skill's application ID (<c>amzn1.ask.skill.…</c>); requests for any other skill are rejected.</summary>
    public string SkillId { get; set; } = string.Empty;

    /// <summary>How far <c>request.timestamp</c> may be from now, in either direction.</summary>
    public TimeSpan TimestampTolerance { get; set; } = DefaultTimestampTolerance;

    /// <summary>Upper bound for downloading the certificate chain; Alexa gives the whole request about 8 s.</summary>
    public TimeSpan CertificateFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest certificate chain accepted; Amazon's PEM is a few kilobytes.</summary>
    public int MaxCertificateChainBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Roots to trust instead of the system store (tests, pinning). Empty means the system trust store.
    /// </summary>
    public X509Certificate2Collection TrustedRoots { get; } = [];

    /// <summary>
    /// Revocation checking for the signing chain. Off by default like the ASK SDKs: an unreachable CRL
    /// endpoint would otherwise take the skill down, and the chain is only built once per certificate.
    /// </summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>Throws when the options cannot verify anything safely; called by the verifier's constructor.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SkillId))
        {
            throw new ArgumentException("The skill ID is required to verify Alexa requests.", nameof(SkillId));
        }

        if (TimestampTolerance <= TimeSpan.Zero || TimestampTolerance > MaxTimestampTolerance)
        {
            throw new ArgumentOutOfRangeException(nameof(TimestampTolerance), TimestampTolerance, "The timestamp tolerance must be positive and at most one hour.");
        }

        if (CertificateFetchTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CertificateFetchTimeout), CertificateFetchTimeout, "The certificate fetch timeout must be positive.");
        }

        if (MaxCertificateChainBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCertificateChainBytes), MaxCertificateChainBytes, "The certificate chain size limit must be positive.");
        }
    }
}
