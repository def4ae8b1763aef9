using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Sandbox.Api;

/// <summary>
/// <c>GET /v1/customer</c> (a person's token), <c>GET /v1/events</c> (the service key) and the
/// sandbox-only <c>POST /v1/sandbox/events</c> (docs/payments-api.yaml).
/// </summary>
internal static class EventEndpoints
{
    private const int DefaultEventCount = 50;

    public static void Map(RouteGroupBuilder v1, bool developerTools)
    {
        v1.MapGet("/customer", GetCustomer);
        v1.MapGet("/events", GetEvents);

        // Sandbox-only and unauthenticated: the sandbox bank serves on loopback only (the host's
        // LoopbackGuard), and a developer raising a demo alert has no credential to hand. A host that
        // verifies requests (perhaps behind a tunnel, where every caller looks like loopback) leaves it out.
        if (developerTools)
        {
            v1.MapPost("/sandbox/events", RaiseAsync);
        }
    }

    private static IResult GetCustomer(HttpContext http, [FromServices] SandboxLedger ledger) =>
        SandboxBankEndpoints.Authenticate(http, ledger) is { } customer
            ? TypedResults.Json(new CustomerBody(customer), SandboxJsonContext.Default.CustomerBody)
            : SandboxBankEndpoints.Unauthorized(http);

    private static IResult GetEvents(HttpContext http, string? after, string? limit, [FromServices] SandboxLedger ledger, [FromServices] IOptions<SandboxBankOptions> options)
    {
        var token = SandboxBankEndpoints.BearerToken(http);
        if (token is null || !ledger.IsServiceKey(token))
        {
            // A person's token is a real credential, just not for this feed: 403 says so; anything else is 401.
            return token is not null && ledger.FindCustomer(token) is not null
                ? Problems.Result(ProblemCodes.Forbidden, "The event feed takes the service key, not a person's token.")
                : SandboxBankEndpoints.Unauthorized(http);
        }

        var count = DefaultEventCount;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "limit must be a positive whole number.");
        }

        long sequence = 0;
        if (after is not null && !EventCursor.TryDecode(after, out sequence))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "after must be a cursor this feed returned.");
        }

        var page = ledger.ReadEvents(sequence, Math.Min(count, options.Value.MaxEventsPerPage));
        return TypedResults.Json(page, SandboxJsonContext.Default.EventPageBody);
    }

    private static async Task<IResult> RaiseAsync(HttpContext http, [FromServices] SandboxLedger ledger)
    {
        RaiseEventRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, SandboxJsonContext.Default.RaiseEventRequestBody, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "The body is not a valid event request.");
        }

        if (body is not { Type: { } type } || !EventTypes.IsKnown(type))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "type must be one of " + string.Join(", ", EventTypes.All) + ".");
        }

        var outcome = await ledger.RaiseEventAsync(type, body);
        return outcome.Event is { } raised
            ? TypedResults.Json(raised, SandboxJsonContext.Default.EventBody, statusCode: StatusCodes.Status201Created)
            : Problems.Result(outcome.ProblemCode!, outcome.Detail!);
    }
}
