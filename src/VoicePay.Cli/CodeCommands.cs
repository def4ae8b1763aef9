using System.Globalization;
using System.Text.Json;

namespace VoicePay.Cli;

/// <summary>
/// <c>voicepay bank codes</c>: the texts the running host's sandbox bank "sent" (its outbox,
/// <c>GET /sandbox/v1/sandbox/codes</c>), newest first, so a developer can read a voice PIN set-up code off the
/// "phone". Sandbox only: a real bank's texts go to the phone and nowhere else.
/// </summary>
internal static class CodeCommands
{
    public static async Task<int> ListAsync(CliConsole console, string dataFolder, string? customer, string? url, CancellationToken cancellationToken)
    {
        var bank = await BankCommands.BankUrlAsync(dataFolder, url, cancellationToken);
        var path = "v1/sandbox/codes" + (customer is null ? string.Empty : "?customerId=" + Uri.EscapeDataString(customer));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(bank, path), cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new UserErrorException($"Could not reach the sandbox bank at {bank} ({ex.Message}).", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await console.Error.WriteLineAsync($"voicepay: the sandbox bank answered {(int)response.StatusCode} (its outbox is served only to local runs).");
                return ExitCodes.Failed;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var codes = body.RootElement.GetProperty("codes");
            if (codes.GetArrayLength() == 0)
            {
                await console.Out.WriteLineAsync("No codes sent yet.");
                return ExitCodes.Ok;
            }

            foreach (var code in codes.EnumerateArray())
            {
                var sentAt = code.GetProperty("sentAt").GetDateTimeOffset();
                var expiresAt = code.GetProperty("expiresAt").GetDateTimeOffset();
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{sentAt:yyyy-MM-dd HH:mm:ss}Z  {code.GetProperty("customerId").GetString(),-12}  phone ••{code.GetProperty("phoneLastDigits").GetString()}  code {code.GetProperty("code").GetString()}  (expires {expiresAt:HH:mm:ss}Z)"));
            }

            return ExitCodes.Ok;
        }
    }
}
