using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoicePay.Alexa.Tests.Security;

/// <summary>Builds request bodies and signs them the way Alexa does.</summary>
internal static class SignedRequests
{
    public const string SkillId = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";

    public const string OtherSkillId = "amzn1.ask.skill.99999999-8888-7777-6666-555555555555";

    public const string ChainUrl = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem";

    /// <summary>A secret that appears in every body, so tests can check it never leaks.</summary>
    public const string AccessToken = "Atza|secret-access-token-for-tests";

    public static byte[] Body(DateTimeOffset timestamp, string? contextSkillId = SkillId, string? sessionSkillId = SkillId)
    {
        var stamp = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var session = sessionSkillId is null
            ? string.Empty
            : $$"""
              "session": { "new": true, "sessionId": "amzn1.echo-api.session.1", "application": { "applicationId": "{{sessionSkillId}}" },
                           "user": { "userId": "amzn1.ask.account.1", "accessToken": "{{AccessToken}}" } },
              """;
        var context = contextSkillId is null
            ? string.Empty
            : $$"""
              "context": { "System": { "application": { "applicationId": "{{contextSkillId}}" },
                                       "user": { "userId": "amzn1.ask.account.1", "accessToken": "{{AccessToken}}" } } },
              """;
        var json = $$"""
            { "version": "1.0", {{session}} {{context}}
              "request": { "type": "LaunchRequest", "requestId": "amzn1.echo-api.request.1", "timestamp": "{{stamp}}", "locale": "en-US" } }
            """;
        return Encoding.UTF8.GetBytes(json);
    }

    public static string Sign(byte[] body, RSA? key = null, HashAlgorithmName? hash = null) =>
        Convert.ToBase64String((key ?? TestPki.SigningKey).SignData(body, hash ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
