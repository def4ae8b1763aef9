using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using VoicePay.Sandbox.Ledger;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Host.Simulator;

/// <summary>
/// <c>GET /simulator/api/phone</c>: the demo customer's phone beside the transcript, i.e. the texts the sandbox bank
/// sent them (a voice PIN set-up code), newest first. Local runs only, like the rest of the simulator.
/// </summary>
internal static class PhonePanel
{
    public static void Map(WebApplication app) =>
        app.MapGet("/simulator/api/phone", (string? locale, SandboxLedger ledger) => Texts(ledger, locale));

    private static Results<JsonHttpResult<PhoneBody>, NotFound> Texts(SandboxLedger ledger, string? locale)
    {
        var token = locale == "en-GB" ? SandboxSeed.GbpToken : SandboxSeed.AliceToken;
        if (ledger.FindCustomer(token) is not { } customer)
        {
            return TypedResults.NotFound();
        }

        var texts = ledger.SentCodes(customer).Take(5).Select(c => new TextLine(c.SentAt, c.PhoneLastDigits, c.Text)).ToList();
        return TypedResults.Json(new PhoneBody(texts), PhoneJsonContext.Default.PhoneBody);
    }
}

public sealed record TextLine(DateTimeOffset SentAt, string PhoneLastDigits, string Text);

public sealed record PhoneBody(IReadOnlyList<TextLine> Texts);

[JsonSerializable(typeof(PhoneBody))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PhoneJsonContext : JsonSerializerContext;
