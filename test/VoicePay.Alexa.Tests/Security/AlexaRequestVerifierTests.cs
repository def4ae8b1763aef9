using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Security;
using static VoicePay.Alexa.Tests.Security.SignedRequests;

namespace VoicePay.Alexa.Tests.Security;

public class AlexaRequestVerifierTests
{
    private readonly FakeTimeProvider _time = new(TestPki.Now);
    private readonly FakeChainFetcher _fetcher = new(TestPki.ValidChainPem());
    private readonly RecordingLogger<AlexaRequestVerifier> _logger = new();
    private readonly AlexaRequestVerifier _verifier;

    public AlexaRequestVerifierTests() => _verifier = CreateVerifier();

    public static TheoryData<string> InvalidUrls() =>
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api.evil/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/%2e%2e/evil/echo-api-cert.pem",
        "https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem",
    ];

    [Fact]
    public async Task Genuine_request_is_verified_and_parsed()
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(VerificationFailure.None, result.Failure);
        Assert.IsType<LaunchRequest>(result.Request.Request);
        Assert.Equal(SkillId, result.Request.Context?.System?.Application?.ApplicationId);
    }

    [Fact]
    public async Task Dot_segment_url_is_downloaded_in_normal_form()
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-12.pem", Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(new Uri(ChainUrl), Assert.Single(_fetcher.Requests));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(-1)]
    public async Task Flipping_one_body_byte_breaks_the_signature(int index)
    {
        var body = Body(TestPki.Now);
        var signature = Sign(body);
        var position = index < 0 ? body.Length + index : index;
        body[position] ^= 0x01;

        var result = await _verifier.VerifyAsync(body, ChainUrl, signature, CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
        Assert.Null(result.Request);
    }

    [Fact]
    public async Task Reformatted_body_does_not_verify()
    {
        var body = Body(TestPki.Now);
        var signature = Sign(body);
        byte[] padded = [.. body, (byte)' '];

        var result = await _verifier.VerifyAsync(padded, ChainUrl, signature, CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_certificate_url_is_rejected_without_download(string? url)
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, url, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.MissingCertificateChainUrl, result.Failure);
        Assert.Empty(_fetcher.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Missing_signature_is_rejected_without_download(string? signature)
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, signature, CancellationToken.None);

        Assert.Equal(VerificationFailure.MissingSignature, result.Failure);
        Assert.Empty(_fetcher.Requests);
    }

    [Theory]
    [MemberData(nameof(InvalidUrls))]
    public async Task Invalid_certificate_url_is_rejected_without_download(string url)
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, url, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.InvalidCertificateChainUrl, result.Failure);
        Assert.Empty(_fetcher.Requests);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("====")]
    [InlineData("QUJD*RA==")]
    public async Task Garbage_signature_is_malformed(string signature)
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, signature, CancellationToken.None);

        Assert.Equal(VerificationFailure.MalformedSignature, result.Failure);
    }

    [Fact]
    public async Task Overlong_signature_is_malformed()
    {
        var body = Body(TestPki.Now);
        var signature = Convert.ToBase64String(new byte[2048]);

        var result = await _verifier.VerifyAsync(body, ChainUrl, signature, CancellationToken.None);

        Assert.Equal(VerificationFailure.MalformedSignature, result.Failure);
    }

    [Fact]
    public async Task Short_but_valid_base64_signature_does_not_match()
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, "AAAA", CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Sha1_signature_in_the_sha256_header_does_not_match()
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body, hash: HashAlgorithmName.SHA1), CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Pss_signature_does_not_match()
    {
        var body = Body(TestPki.Now);
        var pss = Convert.ToBase64String(TestPki.SigningKey.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

        var result = await _verifier.VerifyAsync(body, ChainUrl, pss, CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Signature_from_another_key_does_not_match()
    {
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body, TestPki.OtherKey), CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Signature_of_another_body_does_not_match()
    {
        var body = Body(TestPki.Now);
        var otherBody = Body(TestPki.Now, contextSkillId: OtherSkillId, sessionSkillId: OtherSkillId);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(otherBody), CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public async Task Expired_signing_certificate_is_rejected()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddDays(-60), TestPki.Now.AddSeconds(-1)), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateExpired, result.Failure);
    }

    [Fact]
    public async Task Not_yet_valid_signing_certificate_is_rejected()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddMinutes(1), TestPki.Now.AddDays(60)), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateNotYetValid, result.Failure);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("echo-api.amazon.com.evil.example")]
    [InlineData("evil.echo-api.amazon.com")]
    [InlineData("*.amazon.com")]
    [InlineData("echo-api.amazon.co")]
    public async Task Signing_certificate_for_another_name_is_rejected(string dnsName)
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1), [dnsName]), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateSubjectMismatch, result.Failure);
    }

    [Fact]
    public async Task Alexa_name_only_in_the_subject_is_not_enough()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1), withSan: false), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateSubjectMismatch, result.Failure);
    }

    [Fact]
    public async Task Alexa_name_among_several_is_accepted()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1), ["other.amazon.com", "ECHO-API.amazon.com"]), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
    }

    [Fact]
    public async Task Chain_to_an_untrusted_root_is_rejected()
    {
        var impostor = TestPki.Untrusted;
        _fetcher.Pem = TestPki.Pem(impostor.IssueLeaf(TestPki.SigningKey, TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1)), impostor.Intermediate, impostor.Root);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUntrusted, result.Failure);
    }

    [Fact]
    public async Task Self_signed_signing_certificate_is_rejected()
    {
        var request = new CertificateRequest("CN=" + TestPki.AlexaDomain, TestPki.SigningKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(TestPki.AlexaDomain);
        request.CertificateExtensions.Add(san.Build());
        _fetcher.Pem = TestPki.Pem(request.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1)));
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUntrusted, result.Failure);
    }

    [Fact]
    public async Task Chain_without_its_intermediate_is_rejected()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.ValidLeaf());
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUntrusted, result.Failure);
    }

    [Fact]
    public async Task Chain_in_the_wrong_order_is_rejected()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.Intermediate, TestPki.ValidLeaf());
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.False(result.IsVerified);
    }

    [Fact]
    public async Task Trusting_the_system_store_rejects_a_private_root()
    {
        var verifier = new AlexaRequestVerifier(new AlexaVerificationOptions { SkillId = SkillId }, _fetcher, _time, _logger);
        var body = Body(TestPki.Now);

        var result = await verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUntrusted, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public async Task Garbage_chain_is_malformed(string pem)
    {
        _fetcher.Pem = Encoding.ASCII.GetBytes(pem);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainMalformed, result.Failure);
    }

    [Fact]
    public async Task Weak_signing_key_is_rejected()
    {
        using var weakKey = RSA.Create(1024);
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(weakKey, TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1)), TestPki.Trusted.Intermediate);
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body, weakKey), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainMalformed, result.Failure);
    }

    [Fact]
    public async Task Oversized_chain_is_rejected_even_from_a_custom_fetcher()
    {
        var verifier = CreateVerifier(o => o.MaxCertificateChainBytes = 100);
        var body = Body(TestPki.Now);

        var result = await verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainMalformed, result.Failure);
    }

    [Theory]
    [InlineData(-151)]
    [InlineData(151)]
    [InlineData(-3600)]
    [InlineData(86400)]
    public async Task Timestamp_outside_150_seconds_is_rejected(int offsetSeconds)
    {
        var body = Body(TestPki.Now.AddSeconds(offsetSeconds));

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.TimestampOutOfRange, result.Failure);
    }

    [Theory]
    [InlineData(-150)]
    [InlineData(-149)]
    [InlineData(0)]
    [InlineData(149)]
    [InlineData(150)]
    public async Task Timestamp_within_150_seconds_is_accepted(int offsetSeconds)
    {
        var body = Body(TestPki.Now.AddSeconds(offsetSeconds));

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
    }

    [Fact]
    public async Task Request_without_timestamp_is_rejected()
    {
        var json = "{\"version\":\"1.0\",\"context\":{\"System\":{\"application\":{\"applicationId\":\"" + SkillId + "\"}}},\"request\":{\"type\":\"LaunchRequest\"}}";
        var body = Encoding.UTF8.GetBytes(json);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.TimestampOutOfRange, result.Failure);
    }

    [Theory]
    [InlineData(OtherSkillId, OtherSkillId)]
    [InlineData(OtherSkillId, SkillId)]
    [InlineData(SkillId, OtherSkillId)]
    [InlineData(OtherSkillId, null)]
    [InlineData(null, OtherSkillId)]
    [InlineData(null, null)]
    [InlineData("amzn1.ask.skill.11111111-2222-3333-4444-55555555555", null)]
    [InlineData("AMZN1.ASK.SKILL.11111111-2222-3333-4444-555555555555", null)]
    public async Task Request_for_another_skill_is_rejected(string? contextSkillId, string? sessionSkillId)
    {
        var body = Body(TestPki.Now, contextSkillId, sessionSkillId);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.SkillIdMismatch, result.Failure);
    }

    [Theory]
    [InlineData(SkillId, null)]
    [InlineData(null, SkillId)]
    public async Task Skill_id_from_context_or_session_is_enough(string? contextSkillId, string? sessionSkillId)
    {
        var body = Body(TestPki.Now, contextSkillId, sessionSkillId);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
    }

    [Fact]
    public async Task Body_fields_are_not_read_before_the_signature_holds()
    {
        var staleForeignBody = Body(TestPki.Now.AddDays(-1), OtherSkillId, OtherSkillId);
        var notJson = "this is not json"u8.ToArray();

        var forged = await _verifier.VerifyAsync(staleForeignBody, ChainUrl, Sign(staleForeignBody, TestPki.OtherKey), CancellationToken.None);
        var forgedGarbage = await _verifier.VerifyAsync(notJson, ChainUrl, Sign(notJson, TestPki.OtherKey), CancellationToken.None);
        var signedGarbage = await _verifier.VerifyAsync(notJson, ChainUrl, Sign(notJson), CancellationToken.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, forged.Failure);
        Assert.Equal(VerificationFailure.SignatureMismatch, forgedGarbage.Failure);
        Assert.Equal(VerificationFailure.MalformedRequest, signedGarbage.Failure);
    }

    [Fact]
    public async Task Second_request_uses_the_cached_chain()
    {
        var first = Body(TestPki.Now);
        var second = Body(TestPki.Now.AddMinutes(10));

        var firstResult = await _verifier.VerifyAsync(first, ChainUrl, Sign(first), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        var secondResult = await _verifier.VerifyAsync(second, ChainUrl, Sign(second), CancellationToken.None);

        Assert.True(firstResult.IsVerified, firstResult.Reason);
        Assert.True(secondResult.IsVerified, secondResult.Reason);
        Assert.Single(_fetcher.Requests);
    }

    [Fact]
    public async Task Chain_is_downloaded_again_once_the_cached_one_expires()
    {
        var first = Body(TestPki.Now);
        await _verifier.VerifyAsync(first, ChainUrl, Sign(first), CancellationToken.None);

        var later = TestPki.Now.AddDays(31);
        _time.SetUtcNow(later);
        _fetcher.Pem = TestPki.Pem(TestPki.Trusted.IssueLeaf(TestPki.SigningKey, later.AddDays(-1), later.AddDays(30)), TestPki.Trusted.Intermediate);
        var second = Body(later);
        var result = await _verifier.VerifyAsync(second, ChainUrl, Sign(second), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(2, _fetcher.Requests.Count);
    }

    [Fact]
    public async Task Cached_chain_that_has_expired_is_not_used()
    {
        var first = Body(TestPki.Now);
        await _verifier.VerifyAsync(first, ChainUrl, Sign(first), CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        var second = Body(_time.GetUtcNow());
        var result = await _verifier.VerifyAsync(second, ChainUrl, Sign(second), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateExpired, result.Failure);
        Assert.Equal(2, _fetcher.Requests.Count);
    }

    [Fact]
    public async Task Rejected_chain_is_not_cached()
    {
        _fetcher.Pem = TestPki.Pem(TestPki.ValidLeaf());
        var body = Body(TestPki.Now);
        await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        _fetcher.Pem = TestPki.ValidChainPem();
        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(2, _fetcher.Requests.Count);
    }

    [Fact]
    public async Task Different_urls_are_cached_separately()
    {
        var body = Body(TestPki.Now);

        await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);
        await _verifier.VerifyAsync(body, "https://s3.amazonaws.com/echo.api/echo-api-cert-13.pem", Sign(body), CancellationToken.None);
        await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(2, _fetcher.Requests.Count);
    }

    [Fact]
    public async Task Failed_download_is_reported_and_retried_next_time()
    {
        _fetcher.Failure = new CertificateChainFetchException("HTTP 503");
        var body = Body(TestPki.Now);

        var failed = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);
        _fetcher.Failure = null;
        var retried = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUnavailable, failed.Failure);
        Assert.True(retried.IsVerified, retried.Reason);
    }

    [Fact]
    public async Task Fetcher_timeout_is_a_rejection_not_a_crash()
    {
        _fetcher.Failure = new TaskCanceledException("timed out");
        var body = Body(TestPki.Now);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal(VerificationFailure.CertificateChainUnavailable, result.Failure);
    }

    [Fact]
    public async Task Caller_cancellation_propagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _fetcher.Failure = new OperationCanceledException(cancelled.Token);
        var body = Body(TestPki.Now);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _verifier.VerifyAsync(body, ChainUrl, Sign(body), cancelled.Token));
    }

    [Fact]
    public async Task Logs_name_the_failure_but_never_the_body_or_signature()
    {
        var body = Body(TestPki.Now, OtherSkillId, OtherSkillId);
        var signature = Sign(body);
        var forged = Sign(body, TestPki.OtherKey);

        await _verifier.VerifyAsync(body, ChainUrl, signature, CancellationToken.None);
        await _verifier.VerifyAsync(body, ChainUrl, forged, CancellationToken.None);
        await _verifier.VerifyAsync(body, "https://notamazon.com/echo.api/x.pem", signature, CancellationToken.None);

        Assert.Contains(_logger.Entries, e => e.Contains(nameof(VerificationFailure.SkillIdMismatch), StringComparison.Ordinal));
        Assert.Contains(_logger.Entries, e => e.Contains(nameof(VerificationFailure.SignatureMismatch), StringComparison.Ordinal));
        Assert.Contains(_logger.Entries, e => e.Contains(nameof(VerificationFailure.InvalidCertificateChainUrl), StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Entries, e => e.Contains(AccessToken, StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Entries, e => e.Contains(signature, StringComparison.Ordinal) || e.Contains(forged, StringComparison.Ordinal));
        Assert.DoesNotContain(_logger.Entries, e => e.Contains("notamazon", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reason_is_a_fixed_sentence_without_request_data()
    {
        var body = Body(TestPki.Now, OtherSkillId, OtherSkillId);

        var result = await _verifier.VerifyAsync(body, ChainUrl, Sign(body), CancellationToken.None);

        Assert.Equal("The request is for a different skill.", result.Reason);
    }

    [Fact]
    public void Options_without_skill_id_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AlexaRequestVerifier(new AlexaVerificationOptions(), _fetcher, _time, _logger));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Timestamp_tolerance_must_be_sane(int seconds)
    {
        var options = new AlexaVerificationOptions { SkillId = SkillId, TimestampTolerance = TimeSpan.FromSeconds(seconds) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new AlexaRequestVerifier(options, _fetcher, _time, _logger));
    }

    private AlexaRequestVerifier CreateVerifier(Action<AlexaVerificationOptions>? configure = null)
    {
        var options = new AlexaVerificationOptions { SkillId = SkillId };
        options.TrustedRoots.Add(TestPki.Trusted.Root);
        configure?.Invoke(options);
        return new AlexaRequestVerifier(options, _fetcher, _time, _logger);
    }
}
