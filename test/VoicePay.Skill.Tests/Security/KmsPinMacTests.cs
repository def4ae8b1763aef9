using System.Net;
using System.Text;
using System.Text.Json;
using VoicePay.Kms;
using VoicePay.Skill.Security;
using VoicePay.Testing.Amazon;

namespace VoicePay.Skill.Tests.Security;

/// <summary>The KMS adapter against the loopback KMS fake, and the fake refusing what KMS would refuse.</summary>
public sealed class KmsPinMacTests : IAsyncLifetime
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("voicepay-pin-v1 test message");
    private FakeAmazonApis amazon = null!;

    public async Task InitializeAsync() => amazon = await FakeAmazonApis.StartAsync();

    public async Task DisposeAsync() => await amazon.DisposeAsync();

    [Fact]
    public async Task A_mac_made_by_kms_verifies_there_and_any_other_is_wrong_not_unavailable()
    {
        using var kms = new KmsPinMac(new PinKeyOptions { Provider = PinKeyProvider.Kms, KmsKeyId = amazon.Kms.KeyId, KmsServiceUrl = amazon.BaseAddress, KmsTimeout = TimeSpan.FromSeconds(5) });

        var mac = await kms.GenerateMacAsync(Message, CancellationToken.None);

        Assert.Equal(32, mac.Length);
        Assert.True(await kms.VerifyMacAsync(Message, mac, CancellationToken.None));
        mac[0] ^= 1;
        Assert.False(await kms.VerifyMacAsync(Message, mac, CancellationToken.None));
        Assert.Equal([200, 200, 400], amazon.Kms.Calls.Select(c => c.Status));
        Assert.Empty(amazon.Violations);
    }

    [Fact]
    public async Task A_key_kms_does_not_know_is_unavailable_not_a_wrong_pin()
    {
        using var kms = new KmsPinMac(new PinKeyOptions { Provider = PinKeyProvider.Kms, KmsKeyId = "alias/someone-else", KmsServiceUrl = amazon.BaseAddress, KmsTimeout = TimeSpan.FromSeconds(5) });

        var thrown = await Assert.ThrowsAsync<PinMacUnavailableException>(() => kms.VerifyMacAsync(Message, new byte[32], CancellationToken.None));

        Assert.Contains("NotFoundException", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_refuses_an_unsigned_request()
    {
        using var http = new HttpClient();
        var body = $$"""{"KeyId":"{{amazon.Kms.KeyId}}","Message":"{{Convert.ToBase64String(Message)}}","MacAlgorithm":"HMAC_SHA_256"}""";

        var response = await http.SendAsync(Request(body, authorization: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("__type").GetString());
        Assert.Contains(amazon.Violations, v => v.Contains("Authorization must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fake_refuses_a_malformed_body_and_a_malformed_signature()
    {
        using var http = new HttpClient();

        var response = await http.SendAsync(Request("""{"KeyId":"k","Message":"not base64!"}""", "AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(amazon.Violations, v => v.Contains("$.MacAlgorithm is required", StringComparison.Ordinal));
        Assert.Contains(amazon.Violations, v => v.Contains("Authorization must be", StringComparison.Ordinal));
        Assert.DoesNotContain(amazon.Kms.Calls, c => c.Status == 200);
    }

    private HttpRequestMessage Request(string body, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, amazon.BaseAddress)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", KmsFake.GenerateMacTarget);
        request.Headers.Add("X-Amz-Date", "20261206T230000Z");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }
}
