using System.Text.Json.Serialization;

namespace VoicePay.Alexa.Apis.LoginWithAmazon;

/// <summary>
/// The answer of <c>POST https://api.amazon.com/auth/o2/token</c> to a client-credentials grant:
/// <c>{"access_token": "Atc|...", "expires_in": 3600, "scope": "alexa::proactive_events", "token_type": "bearer"}</c>
/// (Amazon, "Proactive Events REST API Reference", Get an access token).
/// </summary>
internal sealed class LwaTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }
}
