using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VoicePay.Sandbox.Amazon;

/// <summary>
/// Login with Amazon and the Proactive Events API as a local run needs them: the alert job's real clients
/// send here instead of to Amazon, and a developer sees the notification the skill sent
/// (<c>GET /sandbox/amazon/notifications</c>, <c>voicepay bank notifications</c>). It checks what a local run
/// can get wrong (credentials, bearer token, event name, unicast audience, referenceId) and answers as Amazon
/// does (token JSON; 202 for an event). The full schema checks live in the tests' fakes (test/VoicePay.Testing/Amazon).
/// </summary>
public sealed class LocalAlexaNotifications
{
    public const string ClientId = "amzn1.application-oa2-client.voicepay-local";
    public const string ClientSecret = "voicepay-local-client-secret";
    public const string Scope = "alexa::proactive_events";
    private const int Kept = 100;

    private readonly ConcurrentQueue<LocalNotification> sent = new();
    private readonly ConcurrentDictionary<string, bool> tokens = new(StringComparer.Ordinal);

    /// <summary>What the skill sent, oldest first (the last hundred).</summary>
    public IReadOnlyList<LocalNotification> Sent => [.. sent];

    /// <summary>Maps <c>POST auth/o2/token</c>, <c>POST v1/proactiveEvents[/stages/development]</c> and <c>GET notifications</c>.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/auth/o2/token", (HttpContext http, LocalAlexaNotifications local) => local.TokenAsync(http));
        group.MapPost("/v1/proactiveEvents/stages/development", (HttpContext http, LocalAlexaNotifications local) => local.EventAsync(http));
        group.MapPost("/v1/proactiveEvents", (HttpContext http, LocalAlexaNotifications local) => local.EventAsync(http));
        group.MapGet("/notifications", (LocalAlexaNotifications local) => TypedResults.Json(local.Sent, LocalAlexaJsonContext.Default.IReadOnlyListLocalNotification));
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problem("invalid_request", "The token request must be a form (application/x-www-form-urlencoded).");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"] != "client_credentials" || form["scope"] != Scope)
        {
            return Problem("invalid_request", $"grant_type must be client_credentials and scope {Scope}.");
        }

        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Problem("invalid_client", "Unknown client id or secret.");
        }

        var token = "Atc|local-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        tokens[token] = true;
        return TypedResults.Json(new LocalTokenBody(token, 3600, Scope, "bearer"), LocalAlexaJsonContext.Default.LocalTokenBody);
    }

    private async Task<IResult> EventAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.ContainsKey(header["Bearer ".Length..]))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var name = root.GetProperty("event").GetProperty("name").GetString();
            var audience = root.GetProperty("relevantAudience");
            var user = audience.GetProperty("payload").GetProperty("user").GetString();
            var reference = root.GetProperty("referenceId").GetString();
            var urgent = root.GetProperty("event").GetProperty("payload").GetProperty("messageGroup").TryGetProperty("urgency", out var urgency)
                && urgency.GetString() == "URGENT";
            if (name != "AMAZON.MessageAlert.Activated" || audience.GetProperty("type").GetString() != "Unicast"
                || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(reference))
            {
                return Problem("INVALID_REQUEST", "Expected a unicast AMAZON.MessageAlert.Activated event with a referenceId.");
            }

            sent.Enqueue(new LocalNotification(DateTimeOffset.UtcNow, user, reference, urgent, body));
            while (sent.Count > Kept && sent.TryDequeue(out _))
            {
            }

            return TypedResults.Accepted((string?)null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Problem("INVALID_REQUEST", "The body is not a proactive event.");
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<LocalErrorBody> Problem(string code, string message) =>
        TypedResults.Json(new LocalErrorBody(code, message), LocalAlexaJsonContext.Default.LocalErrorBody, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>One notification the skill sent, with the body exactly as it was sent.</summary>
public sealed record LocalNotification(DateTimeOffset ReceivedAt, string User, string ReferenceId, bool Urgent, string Body);

internal sealed record LocalTokenBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("token_type")] string TokenType);

internal sealed record LocalErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LocalTokenBody))]
[JsonSerializable(typeof(LocalErrorBody))]
[JsonSerializable(typeof(IReadOnlyList<LocalNotification>))]
internal sealed partial class LocalAlexaJsonContext : JsonSerializerContext;
