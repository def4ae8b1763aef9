using VoicePay.Alexa.Security;

namespace VoicePay.Alexa.Tests.Security;

public class CertificateChainUrlTests
{
    private const string Canonical = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem";

    [Theory]
    [InlineData("https://s3.amazonaws.com/echo.api/echo-api-cert.pem", Canonical)]
    [InlineData("https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem", Canonical)]
    [InlineData("https://s3.amazonaws.com/echo.api/./echo-api-cert.pem", Canonical)]
    [InlineData("HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem", Canonical)]
    [InlineData("https://S3.AmazonAWS.COM/echo.api/echo-api-cert.pem", Canonical)]
    [InlineData("https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem", Canonical)]
    [InlineData("https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem", "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem")]
    public void Amazon_urls_are_accepted_and_normalized(string header, string expected)
    {
        Assert.True(CertificateChainUrl.TryNormalize(header, out var normalized));
        Assert.Equal(expected, normalized.AbsoluteUri);
    }

    [Theory]
    // Amazon's own invalid examples.
    [InlineData("http://s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://notamazon.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem")]
    // Path tricks.
    [InlineData("https://s3.amazonaws.com/echo.api.evil/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/ECHO.API/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/../evil/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/%2e%2e/evil/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/%2E%2E%2Fevil/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api%2F..%2Fevil/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/%65cho.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/")]
    [InlineData("https://s3.amazonaws.com/echo.api")]
    [InlineData("https://s3.amazonaws.com/echo.api/echo api.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/\u00fcnicode.pem")]
    // Host, user info, query and fragment tricks.
    [InlineData("https://user:pass@s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem")]
    [InlineData("https://evil.example#@s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://evil.example\\@s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://evil.example/?u=https://s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?versionId=1")]
    [InlineData("https://s3.amazonaws.com/echo.api/echo-api-cert.pem#fragment")]
    [InlineData("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com./echo.api/echo-api-cert.pem")]
    [InlineData("https://s3-external-1.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://\u04553.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://52.216.0.1/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem")]
    // Not an absolute https URL at all.
    [InlineData("//s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("/echo.api/echo-api-cert.pem")]
    [InlineData("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("file:///echo.api/echo-api-cert.pem")]
    [InlineData(" https://s3.amazonaws.com/echo.api/echo-api-cert.pem")]
    [InlineData("https://s3.amazonaws.com/echo.api/echo-api-cert.pem\r\nX-Injected: 1")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_rejected(string? header)
    {
        Assert.False(CertificateChainUrl.TryNormalize(header, out var normalized));
        Assert.Null(normalized);
    }

    [Fact]
    public void Overlong_url_is_rejected()
    {
        var header = "https://s3.amazonaws.com/echo.api/" + new string('a', 2000) + ".pem";

        Assert.False(CertificateChainUrl.TryNormalize(header, out _));
    }
}
