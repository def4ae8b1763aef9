using System.Diagnostics.CodeAnalysis;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Either the verified, parsed request or why it was rejected. <see cref="Reason"/> is a fixed
/// sentence per failure: it never echoes the body, a header or an exception, so it is safe in a 400 response.
/// </summary>
public sealed class RequestVerificationResult
{
    private RequestVerificationResult(SkillRequest? request, VerificationFailure failure)
    {
        Request = request;
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsVerified => Failure == VerificationFailure.None;

    /// <summary>The parsed request; set only when <see cref="IsVerified"/>.</summary>
    public SkillRequest? Request { get; }

    public VerificationFailure Failure { get; }

    public string Reason => Describe(Failure);

    public static RequestVerificationResult Verified(SkillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestVerificationResult(request, VerificationFailure.None);
    }

    public static RequestVerificationResult Rejected(VerificationFailure failure)
    {
        if (failure == VerificationFailure.None)
        {
            throw new ArgumentException("A rejection needs a reason.", nameof(failure));
        }

        return new RequestVerificationResult(null, failure);
    }

    public static string Describe(VerificationFailure failure) => failure switch
    {
        VerificationFailure.None => "The request is verified.",
        VerificationFailure.MissingCertificateChainUrl => "The SignatureCertChainUrl header is missing.",
        VerificationFailure.InvalidCertificateChainUrl => "The SignatureCertChainUrl header is not an Alexa certificate URL.",
        VerificationFailure.MissingSignature => "The Signature-256 header is missing.",
        VerificationFailure.MalformedSignature => "The Signature-256 header is not valid base64.",
        VerificationFailure.CertificateChainUnavailable => "The signing certificate chain could not be downloaded.",
        VerificationFailure.CertificateChainMalformed => "The signing certificate chain is not a PEM certificate chain with an RSA signing key.",
        VerificationFailure.CertificateExpired => "The signing certificate has expired.",
        VerificationFailure.CertificateNotYetValid => "The signing certificate is not valid yet.",
        VerificationFailure.CertificateSubjectMismatch => "The signing certificate is not issued to echo-api.amazon.com.",
        VerificationFailure.CertificateChainUntrusted => "The signing certificate chain is not trusted.",
        VerificationFailure.SignatureMismatch => "The request signature does not match the body.",
        VerificationFailure.MalformedRequest => "The body is not a valid Alexa request.",
        VerificationFailure.TimestampOutOfRange => "The request timestamp is too far from the current time.",
        VerificationFailure.SkillIdMismatch => "The request is for a different skill.",
        VerificationFailure.Unexpected => "The request could not be verified.",
        _ => "The request could not be verified.",
    };
}
