using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoicePay.Alexa.Security;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>The sample events from events/*.json, restamped, optionally signed the way Alexa signs them.</summary>
internal static class AlexaEvents
{
    public const string ChainUrl = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem";

    public const string OtherSkillId = "amzn1.ask.skill.99999999-8888-7777-6666-555555555555";

    /// <summary>The event's bytes with <c>request.timestamp</c> set to <paramref name="timestamp"/> (now when null).</summary>
    public static byte[] Load(string name, DateTimeOffset? timestamp = null, string? skillId = null, Action<JsonNode>? edit = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "events", name)))!;
        var stamp = (timestamp ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        json["request"]!["timestamp"] = stamp;
        if (skillId is not null)
        {
            json["session"]!["application"]!["applicationId"] = skillId;
            json["context"]!["System"]!["application"]!["applicationId"] = skillId;
        }

        edit?.Invoke(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    public static string Sign(byte[] body) =>
        Convert.ToBase64String(TestPki.SigningKey.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>A POST /alexa; <paramref name="signature"/> null sends no signature header.</summary>
    public static HttpRequestMessage Post(byte[] body, string? signature = null, string? chainUrl = ChainUrl)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "alexa") { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (chainUrl is not null)
        {
            message.Headers.Add(AlexaRequestVerifier.CertificateChainUrlHeader, chainUrl);
        }

        if (signature is not null)
        {
            message.Headers.Add(AlexaRequestVerifier.Signature256Header, signature);
        }

        return message;
    }

    public static HttpRequestMessage PostSigned(byte[] body) => Post(body, Sign(body));

    /// <summary>What Alexa would say, with SSML tags removed: "ending in &lt;say-as…&gt;4821&lt;/say-as&gt;" reads as "ending in 4821".</summary>
    public static async Task<string> SpeechOfAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ssml = document.RootElement.GetProperty("response").GetProperty("outputSpeech").GetProperty("ssml").GetString()!;
        return System.Text.RegularExpressions.Regex.Replace(ssml, "<[^>]+>", string.Empty).Trim();
    }
}
