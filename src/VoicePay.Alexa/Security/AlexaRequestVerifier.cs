using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Decides whether an HTTP request really comes from Alexa for this skill, as Amazon requires of
/// skills hosted as web services. One instance per process: it caches the signing certificate.
/// </summary>
/// <remarks>
/// Order: header presence and URL shape (free, and no download for a forged URL), signature
/// decoding, certificate chain, signature over the raw body, and only then anything read from the
/// body (timestamp, skill ID), because before the signature check the body is attacker-controlled.
/// </remarks>
public sealed class AlexaRequestVerifier
{
    /// <summary>Header carrying the certificate chain URL.</summary>
    public const string CertificateChainUrlHeader = "SignatureCertChainUrl";

    /// <summary>Header carrying the base64 RSA SHA-256 signature of the body.</summary>
    public const string Signature256Header = "Signature-256";

    private const int CacheCapacity = 16;

    // Base64 of a 4096-bit signature is 684 characters; anything much longer is not a signature.
    private const int MaxSignatureLength = 1024;

    private readonly AlexaVerificationOptions _options;
    private readonly ICertificateChainFetcher _fetcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SigningChainValidator _chainValidator;
    private readonly CertificateChainCache _cache = new(CacheCapacity);

    public AlexaRequestVerifier(
        AlexaVerificationOptions options,
        ICertificateChainFetcher fetcher,
        TimeProvider timeProvider,
        ILogger<AlexaRequestVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _fetcher = fetcher;
        _timeProvider = timeProvider;
        _logger = logger;
        _chainValidator = new SigningChainValidator(options, logger);
    }

    /// <summary>
    /// The last certificate chain URL whose download passed every chain check (null before the first). Health
    /// checks download it again to learn whether the chain is still reachable; a URL from a forged request never
    /// gets here.
    /// </summary>
    public Uri? LastValidatedChainUrl { get; private set; }

    /// <summary>
    /// Verifies the raw body against the two headers and, if everything holds, returns the parsed request.
    /// </summary>
    /// <param name="body">The HTTP body exactly as received; re-serialized JSON will not verify.</param>
    /// <param name="signatureCertChainUrl">The <c>SignatureCertChainUrl</c> header, or null.</param>
    /// <param name="signature256">The <c>Signature-256</c> header, or null. The legacy SHA-1 <c>Signature</c> header is not accepted.</param>
    /// <param name="cancellationToken">Cancels a certificate download when the caller goes away.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller went away).</exception>
    public async Task<RequestVerificationResult> VerifyAsync(
        ReadOnlyMemory<byte> body,
        string? signatureCertChainUrl,
        string? signature256,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await VerifyCoreAsync(body, signatureCertChainUrl, signature256, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The contract is "a result, never an exception": an unforeseen failure is a rejection, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            VerificationLog.Unexpected(_logger, ex.GetType().Name, ex);
            return RequestVerificationResult.Rejected(VerificationFailure.Unexpected);
        }
    }

    private async Task<RequestVerificationResult> VerifyCoreAsync(
        ReadOnlyMemory<byte> body,
        string? signatureCertChainUrl,
        string? signature256,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(signatureCertChainUrl))
        {
            return Reject(VerificationFailure.MissingCertificateChainUrl);
        }

        if (!CertificateChainUrl.TryNormalize(signatureCertChainUrl, out var chainUrl))
        {
            return Reject(VerificationFailure.InvalidCertificateChainUrl);
        }

        if (string.IsNullOrWhiteSpace(signature256))
        {
            return Reject(VerificationFailure.MissingSignature);
        }

        var signature = DecodeSignature(signature256);
        if (signature is null)
        {
            return Reject(VerificationFailure.MalformedSignature);
        }

        var now = _timeProvider.GetUtcNow();
        var (signingCertificate, failure) = await GetSigningCertificateAsync(chainUrl, now, cancellationToken);
        if (signingCertificate is null)
        {
            return Reject(failure);
        }

        if (!SignatureMatches(signingCertificate, body.Span, signature))
        {
            return Reject(VerificationFailure.SignatureMismatch);
        }

        // From here on the body is Amazon's, so its fields can be believed.
        SkillRequest request;
        try
        {
            request = AlexaJson.ParseRequest(body.Span);
        }
        catch (AlexaRequestFormatException)
        {
            return Reject(VerificationFailure.MalformedRequest);
        }

        if ((now - request.Request.Timestamp).Duration() > _options.TimestampTolerance)
        {
            return Reject(VerificationFailure.TimestampOutOfRange);
        }

        if (!IsForThisSkill(request))
        {
            return Reject(VerificationFailure.SkillIdMismatch);
        }

        return RequestVerificationResult.Verified(request);
    }

    private async Task<(X509Certificate2? Certificate, VerificationFailure Failure)> GetSigningCertificateAsync(
        Uri chainUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(chainUrl, now, out var cached))
        {
            return (cached, VerificationFailure.None);
        }

        byte[] pem;
        try
        {
            pem = await _fetcher.FetchAsync(chainUrl, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any fetcher failure, whatever its type, means "no chain": reject, don't crash the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            VerificationLog.FetchFailed(_logger, chainUrl, ex);
            return (null, VerificationFailure.CertificateChainUnavailable);
        }

        var failure = _chainValidator.Validate(chainUrl, pem, now, out var chain);
        if (chain is null)
        {
            return (null, failure);
        }

        _cache.Add(chainUrl, chain.SigningCertificate, chain.ValidUntil, now);
        LastValidatedChainUrl = chainUrl;
        VerificationLog.ChainCached(_logger, chainUrl, chain.ValidUntil);
        return (chain.SigningCertificate, VerificationFailure.None);
    }

    private static byte[]? DecodeSignature(string signature256)
    {
        if (signature256.Length > MaxSignatureLength)
        {
            return null;
        }

        var buffer = new byte[signature256.Length * 3 / 4];
        return Convert.TryFromBase64String(signature256, buffer, out var written) && written > 0
            ? buffer[..written]
            : null;
    }

    private static bool SignatureMatches(X509Certificate2 signingCertificate, ReadOnlySpan<byte> body, byte[] signature)
    {
        // A fresh key object per call: RSA instances are not documented as thread-safe.
        using var key = signingCertificate.GetRSAPublicKey();
        try
        {
            return key is not null && key.VerifyData(body, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            // A signature of the wrong length can throw instead of returning false, depending on the platform.
            return false;
        }
    }

    // Every application ID the request names must be ours, and it must name at least one.
    private bool IsForThisSkill(SkillRequest request)
    {
        var contextId = request.Context?.System?.Application?.ApplicationId;
        var sessionId = request.Session?.Application?.ApplicationId;
        if (contextId is null && sessionId is null)
        {
            return false;
        }

        return (contextId is null || string.Equals(contextId, _options.SkillId, StringComparison.Ordinal))
            && (sessionId is null || string.Equals(sessionId, _options.SkillId, StringComparison.Ordinal));
    }

    private RequestVerificationResult Reject(VerificationFailure failure)
    {
        VerificationLog.Rejected(_logger, failure);
        return RequestVerificationResult.Rejected(failure);
    }
}
