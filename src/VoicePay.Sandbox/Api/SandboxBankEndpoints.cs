using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using VoicePay.Sandbox.Ledger;

namespace VoicePay.Sandbox.Api;

/// <summary>The HTTP surface of docs/payments-api.yaml.</summary>
internal static class SandboxBankEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxIdempotencyKeyLength = 255;

    public static void Map(IEndpointRouteBuilder endpoints, bool developerTools)
    {
        var v1 = endpoints.MapGroup("/v1");
        v1.MapGet("/accounts", GetAccounts);
        v1.MapGet("/accounts/{id}", GetAccount);
        v1.MapGet("/payees", GetPayees);
        v1.MapGet("/transactions", GetTransactions);
        v1.MapPost("/transfers", PostTransferAsync);
        v1.MapGet("/transfers", FindTransferByKey);
        v1.MapGet("/transfers/{id}", GetTransfer);
        EventEndpoints.Map(v1, developerTools);
        VerificationCodeEndpoints.Map(v1, developerTools);
    }

    private static IResult GetAccounts(HttpContext http, [FromServices] SandboxLedger ledger) =>
        Authenticate(http, ledger) is { } customer
            ? TypedResults.Json(new AccountListBody(ledger.GetAccounts(customer)), SandboxJsonContext.Default.AccountListBody)
            : Unauthorized(http);

    private static IResult GetAccount(HttpContext http, string id, [FromServices] SandboxLedger ledger)
    {
        if (Authenticate(http, ledger) is not { } customer)
        {
            return Unauthorized(http);
        }

        return ledger.GetAccounts(customer).FirstOrDefault(a => a.Id == id) is { } account
            ? TypedResults.Json(account, SandboxJsonContext.Default.AccountBody)
            : Problems.Result(ProblemCodes.AccountNotFound, "No such account.");
    }

    private static IResult GetPayees(HttpContext http, [FromServices] SandboxLedger ledger) =>
        Authenticate(http, ledger) is { } customer
            ? TypedResults.Json(new PayeeListBody(ledger.GetPayees(customer)), SandboxJsonContext.Default.PayeeListBody)
            : Unauthorized(http);

    private static IResult GetTransactions(HttpContext http, [FromServices] SandboxLedger ledger, [FromServices] IOptions<SandboxBankOptions> options)
    {
        if (Authenticate(http, ledger) is not { } customer)
        {
            return Unauthorized(http);
        }

        var (filter, limit, error) = TransactionQueryParser.Parse(http.Request.Query, options.Value.MaxTransactionsPerPage);
        if (filter is null)
        {
            return Problems.Result(ProblemCodes.InvalidRequest, error!);
        }

        // Another customer's account is as unknown as one that does not exist.
        if (filter.AccountId is { } account && !ledger.OwnsAccount(customer, account))
        {
            return Problems.Result(ProblemCodes.AccountNotFound, "No such account.");
        }

        var (transactions, next) = ledger.GetTransactions(customer, filter, limit);
        return TypedResults.Json(new TransactionListBody(transactions, next), SandboxJsonContext.Default.TransactionListBody);
    }

    private static IResult GetTransfer(HttpContext http, string id, [FromServices] SandboxLedger ledger)
    {
        if (Authenticate(http, ledger) is not { } customer)
        {
            return Unauthorized(http);
        }

        return ledger.GetTransfer(customer, id) is { } transfer
            ? TypedResults.Json(transfer, SandboxJsonContext.Default.TransferBody)
            : Problems.Result(ProblemCodes.TransferNotFound, "No such transfer.");
    }

    /// <summary>
    /// The transfer an idempotency key created, as it stands now; 404 when the key created none (never received,
    /// or refused). What the skill reads to settle a transfer whose answer it lost, instead of sending it again.
    /// </summary>
    private static IResult FindTransferByKey(HttpContext http, string? idempotencyKey, [FromServices] SandboxLedger ledger)
    {
        if (Authenticate(http, ledger) is not { } customer)
        {
            return Unauthorized(http);
        }

        if (idempotencyKey is not { Length: > 0 and <= MaxIdempotencyKeyLength })
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "An idempotencyKey of 1 to 255 characters is required.");
        }

        return ledger.FindTransferByKey(customer, idempotencyKey) is { } transfer
            ? TypedResults.Json(transfer, SandboxJsonContext.Default.TransferBody)
            : Problems.Result(ProblemCodes.TransferNotFound, "No transfer was created with this idempotency key.");
    }

    private static async Task<IResult> PostTransferAsync(HttpContext http, [FromServices] SandboxLedger ledger)
    {
        if (Authenticate(http, ledger) is not { } customer)
        {
            return Unauthorized(http);
        }

        if (IdempotencyKey(http) is not { } key)
        {
            return MissingIdempotencyKey();
        }

        TransferRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, SandboxJsonContext.Default.TransferRequestBody, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "The body is not a valid transfer request.");
        }

        if (body is not { FromAccountId: { } from, Currency: { } currency } || (body.PayeeId is null) == (body.ToAccountId is null))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "fromAccountId, amount, currency and one of payeeId or toAccountId are required.");
        }

        // A move from an account to itself is not a transfer: refused for its shape, before anything is stored.
        if (string.Equals(body.ToAccountId, from, StringComparison.Ordinal))
        {
            return Problems.Result(ProblemCodes.InvalidRequest, "toAccountId must be another account than fromAccountId.");
        }

        if (body.Amount is not { } amount)
        {
            return Problems.Result(ProblemCodes.InvalidAmount, "amount is required.");
        }

        // Not tied to RequestAborted on purpose: once the bank has the request it finishes it, like a real bank would.
        var response = await ledger.TransferAsync(new TransferCommand(customer, key, from, body.PayeeId, amount, currency, body.Memo, body.NotAfter, body.ToAccountId));
        if (response.StatusCode == StatusCodes.Status201Created && TransferId(response.Body) is { } transferId)
        {
            http.Response.Headers.Location = "/v1/transfers/" + Uri.EscapeDataString(transferId);
        }

        return Stored(http, response);
    }

    /// <summary>The request's <c>Idempotency-Key</c> header, or null when it is missing or too long (every keyed write).</summary>
    internal static string? IdempotencyKey(HttpContext http) =>
        http.Request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 and <= MaxIdempotencyKeyLength } key ? key : null;

    internal static IResult MissingIdempotencyKey() =>
        Problems.Result(ProblemCodes.InvalidRequest, "An Idempotency-Key header of 1 to 255 characters is required.");

    /// <summary>A keyed write's answer exactly as first given, marked when this delivery is a replay of it.</summary>
    internal static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Stored(HttpContext http, StoredResponse response)
    {
        if (response.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Text(response.Body, response.ContentType, Encoding.UTF8, response.StatusCode);
    }

    private static string? TransferId(string body) =>
        JsonSerializer.Deserialize(body, SandboxJsonContext.Default.TransferBody)?.Id;

    /// <summary>The customer a person's bearer token belongs to; the service key is no person's token, so it gets null.</summary>
    internal static string? Authenticate(HttpContext http, SandboxLedger ledger) =>
        BearerToken(http) is { } token ? ledger.FindCustomer(token) : null;

    internal static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    internal static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"voicepay-sandbox\", error=\"invalid_token\"";
        return Problems.Result(ProblemCodes.Unauthorized, "A valid bearer token is required.");
    }
}
