namespace VoicePay.Alexa.Security;

/// <summary>Why a request was not accepted as coming from Alexa for this skill.</summary>
public enum VerificationFailure
{
    None = 0,
    MissingCertificateChainUrl,
    InvalidCertificateChainUrl,
    MissingSignature,
    MalformedSignature,
    CertificateChainUnavailable,
    CertificateChainMalformed,
    CertificateExpired,
    CertificateNotYetValid,
    CertificateSubjectMismatch,
    CertificateChainUntrusted,
    SignatureMismatch,
    MalformedRequest,
    TimestampOutOfRange,
    SkillIdMismatch,

    /// <summary>Something the checks did not foresee failed; the request is refused rather than the caller crashing.</summary>
    Unexpected,
}
