using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VoicePay.Composition;
using VoicePay.Sandbox.Seed;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Host;

/// <summary>Local-run helpers, mapped only with the sandbox bank: PIN enrolment and the start-up banner.</summary>
public static partial class DevEndpoints
{
    /// <summary>
    /// <c>POST /sandbox/voice-pin {"userId": "...", "pin": "1234"}</c>: the sandbox stand-in for
    /// setting a voice PIN in the bank's app. The PIN is hashed at once and never echoed. Served only by a host
    /// with verification off (hence loopback-only) and only to loopback connections.
    /// </summary>
    public static async Task<IResult> SetVoicePinAsync(HttpContext context, VoicePinEnrollment body, VoicePinVerifier verifier, CancellationToken cancellationToken)
    {
        // Mapped only on a loopback-only host without verification; a connection from elsewhere is still refused.
        if (context.Connection.RemoteIpAddress is not { } remote
            || !System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return Results.NotFound();
        }

        if (string.IsNullOrWhiteSpace(body.UserId) || !VoicePin.TryParse(body.Pin, out var pin))
        {
            return Results.Text("Send {\"userId\": \"amzn1.ask.account...\", \"pin\": \"four digits\"}.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        await verifier.EnrollAsync(PinHolder.Account(body.UserId), pin, cancellationToken);
        return TypedResults.NoContent();
    }

    public static void PrintBanner(WebApplication app, ILogger logger) =>
        LogBanner(logger, string.Join(", ", app.Urls), app.Services.GetRequiredService<IOptions<LocalOptions>>().Value.DataFolder ?? "(configured paths)", SandboxSeed.Describe(), LocalDefaults.DemoUserId, LocalDefaults.DemoPin);

    [LoggerMessage(Level = LogLevel.Information, Message = "VoicePay local run on {Urls}\nLocal data (user state, sandbox ledger): {DataFolder}\nSandbox bank demo customers:\n{Seed}\nDemo Alexa user {UserId} has voice PIN {DemoPin} (sandbox only). Talk to it: voicepay chat --endpoint (or voicepay send events/launch.json)")]
    private static partial void LogBanner(ILogger logger, string urls, string dataFolder, string seed, string userId, string demoPin);
}

public sealed record VoicePinEnrollment(string? UserId, string? Pin);

[JsonSerializable(typeof(VoicePinEnrollment))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class HostJsonContext : JsonSerializerContext;
