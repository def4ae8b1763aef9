using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using VoicePay.Payments.Resilience;
using VoicePay.Payments.Wire;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Payments;

/// <summary>
/// <see cref="IBankEventFeed"/> over HTTP: <c>GET /v1/events?after={cursor}&amp;limit={n}</c> with the
/// service key (docs/payments-api.yaml). Like <see cref="PaymentsApiClient"/>, failures are
/// <see cref="BankError"/> values, never exceptions: 401 and 403 are <see cref="BankError.Unauthorized"/>
/// (a wrong or missing service key), anything else that is not a page is <see cref="BankError.Unavailable"/>.
/// A read changes nothing at the bank, so every failure can simply be retried from the same cursor.
/// </summary>
public sealed class BankEventFeedClient(HttpClient http, IOptions<BankEventFeedOptions> options, TimeProvider time, ILogger<BankEventFeedClient> logger) : IBankEventFeed
{
    public const string HttpClientName = "VoicePay.BankEvents";

    /// <summary>The most a caller may ask for in one read; the bank may return fewer.</summary>
    public const int MaxLimit = 1000;

    private const string Operation = "v1/events";

    public async Task<BankResult<BankEventPage>> ReadAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var path = "v1/events?limit=" + limit.ToString(CultureInfo.InvariantCulture)
            + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ServiceKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var log = new AttemptLog(time.GetTimestamp());
        request.Options.Set(AttemptLog.Key, log);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var page = await response.Content.ReadFromJsonAsync(PaymentsJsonContext.Default.EventPageWire, cancellationToken)
                    ?? throw new JsonException("The event feed answered with an empty body.");
                return BankResult<BankEventPage>.Success(ToPage(page));
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Log.Refused(logger, Operation, response.StatusCode, null);
                return BankError.Unauthorized;
            }

            Log.Unavailable(logger, Operation, log.Attempts, null);
            return BankError.Unavailable;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException
            or ExecutionRejectedException or JsonException or NotSupportedException or FormatException or ArgumentException)
        {
            Log.Unavailable(logger, Operation, log.Attempts, exception);
            return BankError.Unavailable;
        }
    }

    private BankEventPage ToPage(EventPageWire page)
    {
        if (string.IsNullOrEmpty(page.Cursor))
        {
            throw new FormatException("The event feed gave no cursor.");
        }

        var events = new List<BankEvent>(page.Events.Count);
        foreach (var wire in page.Events)
        {
            if (Kind(wire.Type) is not { } kind)
            {
                // A kind added by the bank after this client was built: skipping it (and saying so)
                // keeps the feed moving; failing the page would stall every later alert behind it.
                Log.UnknownEventKind(logger, wire.Id, wire.Type);
                continue;
            }

            events.Add(new BankEvent(wire.Id, kind, wire.CustomerId, wire.OccurredAt, new Money(wire.Amount, wire.Currency), wire.Counterparty, wire.AccountLastFour));
        }

        return new BankEventPage(events, page.Cursor, page.HasMore);
    }

    private static BankEventKind? Kind(string type) => type switch
    {
        "money_received" => BankEventKind.MoneyReceived,
        "payment_sent" => BankEventKind.PaymentSent,
        "large_debit" => BankEventKind.LargeDebit,
        "suspected_fraud" => BankEventKind.SuspectedFraud,
        "low_balance" => BankEventKind.LowBalance,
        _ => null,
    };
}
