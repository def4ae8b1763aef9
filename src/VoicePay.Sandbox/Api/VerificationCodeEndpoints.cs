using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Sandbox.Api;

/// <summary>
/// <c>POST /v1/verification-codes</c> and <c>POST /v1/verification-codes/{id}/check</c> (a person's token, an
/// Idempotency-Key), and the sandbox-only outbox <c>GET /v1/sandbox/codes</c> (docs/payments-api.yaml).
/// </summary>
internal static class VerificationCodeEndpoints
{

    public static void Map(RouteGroupBuilder v1, bool developerTools)
    {
        v1.MapPost("/verification-codes", SendAsync);
        v1.MapPost("/verification-codes/{id}/check", CheckAsync);

        // As the sandbox's event raising: loopback only, and left out where requests are verified.
        if (developerTools)
        {
            v1.MapGet("/sandbox/codes", Outbox);
        }
    }

    private static async Task<IResult> SendAsync(HttpContext http, [FromServices] SandboxLedger ledger)
    {
        if (SandboxBankEndpoints.Authenticate(http, ledger) is not { } customer)
        {
            return SandboxBankEndpoints.Unauthorized(http);
        }

        if (SandboxBankEndpoints.IdempotencyKey(http) is not { } key)
        {
            return SandboxBankEndpoints.MissingIdempotencyKey();
        }

        // The body is optional; when given it must be a request, and "sms" the only channel.
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            VerificationCodeRequestBody? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(http.Request.Body, SandboxJsonContext.Default.VerificationCodeRequestBody, http.RequestAborted);
            }
            catch (JsonException)
            {
                return Problems.Result(ProblemCodes.InvalidRequest, "The body is not a valid verification code request.");
            }

            if (body?.Channel is { } channel && channel != "sms")
            {
                return Problems.Result(ProblemCodes.InvalidRequest, "channel must be \"sms\".");
            }
        }

        return SandboxBankEndpoints.Stored(http, await ledger.SendCodeAsync(customer, key));
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string id, [FromServices] SandboxLedger ledger)
    {
        if (SandboxBankEndpoints.Authenticate(http, ledger) is not { } customer)
        {
            return SandboxBankEndpoints.Unauthorized(http);
        }

        if (SandboxBankEndpoints.IdempotencyKey(http) is not { } key)
        {
            return SandboxBankEndpoints.MissingIdempotencyKey();
        }

        CodeCheckRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, SandboxJsonContext.Default.CodeCheckRequestBody, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "The body is not a valid code check.");
        }

        // Malformed input is not a try: nothing is counted.
        if (body?.Code is not { Length: SandboxLedger.CodeDigits } code || !code.All(char.IsAsciiDigit))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, $"code must be {SandboxLedger.CodeDigits} digits.");
        }

        return SandboxBankEndpoints.Stored(http, await ledger.CheckCodeAsync(customer, key, id, code));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<SentCodeListBody> Outbox(HttpContext http, string? customerId, [FromServices] SandboxLedger ledger) =>
        TypedResults.Json(new SentCodeListBody(ledger.SentCodes(customerId)), SandboxJsonContext.Default.SentCodeListBody);
}
