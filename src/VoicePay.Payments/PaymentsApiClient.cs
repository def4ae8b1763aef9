using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;
using VoicePay.Payments.Resilience;
using VoicePay.Payments.Wire;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Payments;

/// <summary>
/// <see cref="IPaymentsApi"/> over HTTP (docs/payments-api.yaml). Expected failures come back as
/// <see cref="BankError"/>, never as exceptions; that includes the caller's token being cancelled,
/// so the skill can still say something truthful before Alexa's deadline.
/// </summary>
public sealed partial class PaymentsApiClient(HttpClient http, TimeProvider time, ILogger<PaymentsApiClient> logger) : IPaymentsApi
{
    /// <summary>The name of the underlying HttpClient; handlers added to it run once per attempt.</summary>
    public const string HttpClientName = "VoicePay.Payments";

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) =>
        MeasuredAsync("customer", () => GetAsync("v1/customer", accessToken, PaymentsJsonContext.Default.CustomerWire, wire => new BankCustomer(wire.Id), cancellationToken));

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) =>
        MeasuredAsync("accounts", () => GetAsync("v1/accounts", accessToken, PaymentsJsonContext.Default.AccountListWire, IReadOnlyList<Account> (list) => list.Accounts.Select(ToAccount).ToList(), cancellationToken));

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) =>
        MeasuredAsync("payees", () => GetAsync("v1/payees", accessToken, PaymentsJsonContext.Default.PayeeListWire, IReadOnlyList<Payee> (list) => list.Payees.Select(ToPayee).ToList(), cancellationToken));

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return MeasuredAsync("transactions", () => GetAsync(
            TransactionsPath(query),
            accessToken,
            PaymentsJsonContext.Default.TransactionListWire,
            list => new TransactionPage(list.Transactions.Select(ToTransaction).ToList(), list.NextCursor),
            cancellationToken));
    }

    /// <summary>The query string of docs/payments-api.yaml's listTransactions: only what is set, each value escaped.</summary>
    private static string TransactionsPath(TransactionQuery query)
    {
        var parameters = new List<string> { "limit=" + query.Limit.ToString(CultureInfo.InvariantCulture) };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parameters.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", query.Text);
        Add("accountId", query.AccountId);
        Add("direction", query.Direction switch
        {
            TransactionDirection.In => "in",
            TransactionDirection.Out => "out",
            _ => null,
        });
        Add("cursor", query.Cursor);
        return "v1/transactions?" + string.Join('&', parameters);
    }

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transferId);
        return MeasuredAsync("transfer.get", () => GetAsync("v1/transfers/" + Uri.EscapeDataString(transferId), accessToken, PaymentsJsonContext.Default.TransferWire, ToReceipt, cancellationToken));
    }

    public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasuredAsync("transfer.find", () => GetAsync("v1/transfers?idempotencyKey=" + Uri.EscapeDataString(idempotencyKey), accessToken, PaymentsJsonContext.Default.TransferWire, ToReceipt, cancellationToken));
    }

    public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentException.ThrowIfNullOrWhiteSpace(transfer.IdempotencyKey);
        return MeasuredAsync("transfer.send", () => SendTransferCoreAsync(accessToken, transfer, cancellationToken));
    }

    /// <summary>
    /// A span (<c>bank {operation}</c>, a client span: HttpClient sends its context as <c>traceparent</c>) and
    /// <see cref="VoicePayTelemetry.BankDuration"/> around one bank call. The span is started before
    /// <paramref name="call"/> runs its first await, so the HTTP request is made inside it.
    /// </summary>
    private static async Task<BankResult<T>> MeasuredAsync<T>(string operation, Func<Task<BankResult<T>>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = VoicePayTelemetry.Source.StartActivity("bank " + operation, ActivityKind.Client);
        activity?.SetTag("voicepay.bank.operation", operation);
        var result = await call();
        if (activity is null && !VoicePayTelemetry.BankDuration.Enabled)
        {
            return result;
        }

        var outcome = result.Error is { } error ? VoicePayTelemetry.TagValue(error) : "ok";
        if (activity is not null)
        {
            activity.SetTag("voicepay.bank.outcome", outcome);
            if (!result.IsSuccess)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }

        if (VoicePayTelemetry.BankDuration.Enabled)
        {
            VoicePayTelemetry.BankDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new("operation", operation),
                new("outcome", outcome));
        }

        return result;
    }

    private async Task<BankResult<TransferReceipt>> SendTransferCoreAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken)
    {
        if (!IsUsableToken(accessToken))
        {
            return BankError.Unauthorized;
        }

        var body = new TransferRequestWire(transfer.FromAccountId, transfer.PayeeId, transfer.Amount.Amount, transfer.Amount.Currency, transfer.Memo, transfer.NotAfter, transfer.ToAccountId);
        using var request = NewRequest(HttpMethod.Post, "v1/transfers", accessToken, out var log);
        request.Headers.Add(IdempotencyKeyHeader, transfer.IdempotencyKey);
        request.Content = JsonContent.Create(body, PaymentsJsonContext.Default.TransferRequestWire);

        // Unknown unless proven otherwise: any attempt that may have reached the bank could have moved money.
        BankError NoAnswer(Exception? exception)
        {
            if (log.BankMayHaveActed)
            {
                Log.TransferOutcomeUnknown(logger, transfer.IdempotencyKey, log.Attempts, exception);
                return BankError.OutcomeUnknown;
            }

            Log.Unavailable(logger, "transfer", log.Attempts, exception);
            return BankError.Unavailable;
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var receipt = ToReceipt(await ReadAsync(response, PaymentsJsonContext.Default.TransferWire, cancellationToken));
                Log.TransferAnswered(logger, receipt.Id, receipt.Status.ToString(), receipt.Amount.ToString(), log.Attempts);
                return BankResult<TransferReceipt>.Success(receipt);
            }

            return IsRefusal(response.StatusCode)
                ? await RefusalAsync(response, "transfer", cancellationToken)
                : NoAnswer(null);
        }
        catch (Exception exception) when (IsNoAnswer(exception))
        {
            return NoAnswer(exception);
        }
    }

    private async Task<BankResult<T>> GetAsync<TWire, T>(
        string path,
        string accessToken,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        CancellationToken cancellationToken)
    {
        if (!IsUsableToken(accessToken))
        {
            return BankError.Unauthorized;
        }

        using var request = NewRequest(HttpMethod.Get, path, accessToken, out var log);
        return await ReadAnswerAsync(request, path.Split('?')[0], log, typeInfo, map, cancellationToken);
    }

    /// <summary>
    /// Sends a request whose repeat is harmless (a read, or a keyed write the bank replays) and reads its answer:
    /// success mapped, a refusal as the bank worded it, and anything else (no answer, a 5xx) <see cref="BankError.Unavailable"/>.
    /// </summary>
    private async Task<BankResult<T>> ReadAnswerAsync<TWire, T>(
        HttpRequestMessage request,
        string operation,
        AttemptLog log,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return BankResult<T>.Success(map(await ReadAsync(response, typeInfo, cancellationToken)));
            }

            if (IsRefusal(response.StatusCode))
            {
                return await RefusalAsync(response, operation, cancellationToken);
            }

            Log.Unavailable(logger, operation, log.Attempts, null);
            return BankError.Unavailable;
        }
        catch (Exception exception) when (IsNoAnswer(exception))
        {
            Log.Unavailable(logger, operation, log.Attempts, exception);
            return BankError.Unavailable;
        }
    }

    /// <summary>
    /// Whether the token can go in an <c>Authorization: Bearer</c> header at all. A missing one is the person not having
    /// linked; one with characters outside visible ASCII (accents, spaces, control characters) can never be sent, and
    /// without this check HttpClient's failure to write the header looked like a network error and was retried until the
    /// timeout. Refused once, as a bad token, logged once at Warning and never shown.
    /// </summary>
    private bool IsUsableToken(string? accessToken)
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            return false;
        }

        foreach (var c in accessToken)
        {
            if (c is < '!' or > '~')
            {
                Log.UnusableToken(logger, accessToken.Length);
                return false;
            }
        }

        return true;
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path, string accessToken, out AttemptLog log)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        log = new AttemptLog(time.GetTimestamp());
        request.Options.Set(AttemptLog.Key, log);
        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken)
            ?? throw new JsonException("The payments API answered with an empty body.");

    private async Task<BankError> RefusalAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        string? code = null;
        try
        {
            code = (await response.Content.ReadFromJsonAsync(PaymentsJsonContext.Default.ProblemWire, cancellationToken))?.Code;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            // Not problem+json (a proxy's page, say): the status code alone decides.
            Log.Unreadable(logger, operation, response.StatusCode, exception);
        }

        Log.Refused(logger, operation, response.StatusCode, code);
        return ProblemCodeMap.FromRefusal(response.StatusCode, code);
    }

    // 4xx except timeouts and throttling: the bank understood the request and declined it.
    private static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static bool IsNoAnswer(Exception exception) => exception is
        HttpRequestException or
        IOException or
        OperationCanceledException or
        ExecutionRejectedException or
        JsonException or
        NotSupportedException or
        FormatException or
        ArgumentException;

    private static Account ToAccount(AccountWire account) => new(
        account.Id,
        account.Nickname,
        account.Type switch
        {
            "checking" => AccountType.Checking,
            "savings" => AccountType.Savings,
            _ => throw new FormatException("Unknown account type."),
        },
        account.LastFour,
        new Money(account.AvailableBalance, account.Currency),
        new Money(account.CurrentBalance, account.Currency),
        account.Nicknames ?? []);

    private static Payee ToPayee(PayeeWire payee) => new(payee.Id, payee.DisplayName, payee.Nicknames ?? [], payee.LastFour);

    private static Transaction ToTransaction(TransactionWire transaction) =>
        new(transaction.Id, transaction.AccountId, transaction.PostedAt, transaction.Description, new Money(transaction.Amount, transaction.Currency), transaction.Counterparty);

    private static TransferReceipt ToReceipt(TransferWire transfer) => new(
        transfer.Id,
        transfer.Status switch
        {
            "pending" => TransferStatus.Pending,
            "completed" => TransferStatus.Completed,
            "failed" => TransferStatus.Failed,
            _ => throw new FormatException("Unknown transfer status."),
        },
        transfer.FromAccountId,
        transfer.PayeeId,
        new Money(transfer.Amount, transfer.Currency),
        transfer.CreatedAt,
        transfer.ToAccountId);
}
