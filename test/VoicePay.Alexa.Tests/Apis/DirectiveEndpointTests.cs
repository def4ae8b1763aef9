using VoicePay.Alexa.Apis.Directives;

namespace VoicePay.Alexa.Tests.Apis;

/// <summary>The request's apiAccessToken goes only to https, or to plain-http loopback when a test says so.</summary>
public sealed class DirectiveEndpointTests
{
    [Theory]
    [InlineData("https://api.amazonalexa.com", false, true)]
    [InlineData("https://api.eu.amazonalexa.com/", false, true)]
    [InlineData("http://api.amazonalexa.com", false, false)]
    [InlineData("http://api.amazonalexa.com", true, false)]
    [InlineData("http://127.0.0.1:5005", false, false)]
    [InlineData("http://127.0.0.1:5005", true, true)]
    [InlineData("https://user:pass@api.amazonalexa.com", false, false)]
    [InlineData("ftp://api.amazonalexa.com", true, false)]
    [InlineData("not a url", true, false)]
    [InlineData(null, true, false)]
    public void Only_https_or_allowed_loopback_http_is_used(string? apiEndpoint, bool allowLoopbackHttp, bool allowed)
    {
        Assert.Equal(allowed, DirectiveServiceClient.TryGetEndpoint(apiEndpoint, allowLoopbackHttp, out _));
    }
}
