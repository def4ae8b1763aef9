using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Payments;
using VoicePay.Sandbox;
using VoicePay.Sandbox.Api;
using VoicePay.Skill.Banking;

namespace VoicePay.Cli;

/// <summary>What <c>voicepay bank event</c> asks the sandbox for; nulls take the sandbox's defaults per kind.</summary>
internal sealed record RaiseSettings(string Kind, string? Customer, string? Amount, string? Counterparty, string? Account, string? Url);

/// <summary>
/// <c>voicepay bank event KIND</c> raises an account event in the running local host's sandbox bank
/// (<c>POST /sandbox/v1/sandbox/events</c>), and <c>voicepay bank events</c> reads its feed with the
/// service key, through the same client the skill uses.
/// </summary>
internal static class BankCommands
{
    /// <summary>Where the service key comes from if not the sandbox's public local default.</summary>
    public const string ServiceKeyVariable = "VoicePay__BankEvents__ServiceKey";

    public static async Task<int> RaiseAsync(CliConsole console, string dataFolder, RaiseSettings settings, CancellationToken cancellationToken)
    {
        var type = ParseKind(settings.Kind);
        decimal? amount = settings.Amount is null ? null : ParseAmount(settings.Amount);
        var bank = await BankUrlAsync(dataFolder, settings.Url, cancellationToken);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new ByteArrayContent(RequestJson(type, settings, amount));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(() => http.PostAsync(new Uri(bank, "v1/sandbox/events"), content, cancellationToken), bank);
        using var body = await ReadJsonAsync(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var detail = body?.RootElement.TryGetProperty("detail", out var d) == true ? d.GetString() : response.ReasonPhrase;
            return (int)response.StatusCode is >= 400 and < 500
                ? throw new UserErrorException($"The sandbox bank refused the event: {detail}")
                : await FailAsync(console, $"voicepay: the sandbox bank answered {(int)response.StatusCode}: {detail}");
        }

        var raised = body!.RootElement;
        var counterparty = raised.GetProperty("counterparty").GetString() is { } name ? $", {name}" : string.Empty;
        var lastFour = raised.GetProperty("accountLastFour").GetString() is { } four ? $", account ••{four}" : string.Empty;
        await console.Out.WriteLineAsync(
            $"{raised.GetProperty("id").GetString()} ({type} for {raised.GetProperty("customerId").GetString()}: " +
            $"{raised.GetProperty("amount").GetString()} {raised.GetProperty("currency").GetString()}{counterparty}{lastFour})");
        return ExitCodes.Ok;
    }

    public static async Task<int> ListAsync(CliConsole console, string dataFolder, string? after, int limit, string? url, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > BankEventFeedClient.MaxLimit)
        {
            throw new UserErrorException($"--limit must be 1 to {BankEventFeedClient.MaxLimit}, not {limit}.");
        }

        var bank = await BankUrlAsync(dataFolder, url, cancellationToken);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddBankEventFeed(o =>
            {
                o.BaseUrl = bank;
                o.ServiceKey = Environment.GetEnvironmentVariable(ServiceKeyVariable) is { Length: > 0 } key ? key : SandboxBankOptions.DefaultServiceKey;
                o.MaxRetries = 0;
            })
            .BuildServiceProvider();
        var page = await services.GetRequiredService<IBankEventFeed>().ReadAsync(after, limit, cancellationToken);
        switch (page.Error)
        {
            case BankError.Unauthorized:
                return await FailAsync(console, $"voicepay: the sandbox bank refused the service key (set {ServiceKeyVariable} to the host's VoicePay:BankEvents:ServiceKey).");
            case not null:
                return await FailAsync(console, $"voicepay: the event feed at {bank} did not answer (a bad --after cursor is refused too).");
        }

        foreach (var e in page.Value!.Events)
        {
            var counterparty = e.Counterparty is null ? string.Empty : "  " + e.Counterparty;
            var lastFour = e.AccountLastFour is null ? string.Empty : "  ••" + e.AccountLastFour;
            await console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{e.Id}  {e.OccurredAt:yyyy-MM-dd HH:mm:ss}Z  {WireName(e.Kind),-15}  {e.CustomerId,-12}  {e.Amount.Amount,10:0.00} {e.Amount.Currency}{counterparty}{lastFour}"));
        }

        await console.Out.WriteLineAsync($"cursor: {page.Value.Cursor}{(page.Value.HasMore ? "  (more: voicepay bank events --after " + page.Value.Cursor + ")" : string.Empty)}");
        return ExitCodes.Ok;
    }

    /// <summary>The feed's wire names; the kebab-case spelling is accepted too (suspected-fraud).</summary>
    private static string ParseKind(string kind)
    {
        var type = kind.Trim().Replace('-', '_').ToLowerInvariant();
        return EventTypes.IsKnown(type)
            ? type
            : throw new UserErrorException($"Unknown event kind '{kind}'. Kinds: {string.Join(", ", EventTypes.All)}.");
    }

    private static decimal ParseAmount(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && decimal.Round(amount, 2) == amount
            ? amount
            : throw new UserErrorException($"--amount must be an amount such as 950.00 (at most two decimals), not '{text}'.");

    private static string WireName(BankEventKind kind) => kind switch
    {
        BankEventKind.MoneyReceived => EventTypes.MoneyReceived,
        BankEventKind.PaymentSent => EventTypes.PaymentSent,
        BankEventKind.LargeDebit => EventTypes.LargeDebit,
        BankEventKind.SuspectedFraud => EventTypes.SuspectedFraud,
        _ => EventTypes.LowBalance,
    };

    /// <summary>The running host's sandbox bank: <c>--url</c>, else the address the host recorded, checked.</summary>
    internal static async Task<Uri> BankUrlAsync(string dataFolder, string? url, CancellationToken cancellationToken)
    {
        var host = url is not null ? HostLocator.ParseUrl(url, "--url") : HostLocator.Recorded(dataFolder);
        if (host is null || !await HostLocator.IsRunningAsync(host, cancellationToken))
        {
            var where = host is null ? $"on {dataFolder}" : $"at {host}";
            throw new UserErrorException($"No VoicePay host is running {where}. Start one (dotnet run --project src/VoicePay.Host), or name it with --url.");
        }

        return HostLocator.BankUrl(host);
    }

    private static byte[] RequestJson(string type, RaiseSettings settings, decimal? amount)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            WriteIfSet(json, "customerId", settings.Customer);
            WriteIfSet(json, "amount", amount?.ToString("0.00", CultureInfo.InvariantCulture));
            WriteIfSet(json, "counterparty", settings.Counterparty);
            WriteIfSet(json, "accountId", settings.Account);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, Uri bank)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            throw new UserErrorException($"Could not reach the sandbox bank at {bank} ({ex.Message}).", ex);
        }
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync(message);
        return ExitCodes.Failed;
    }
}
