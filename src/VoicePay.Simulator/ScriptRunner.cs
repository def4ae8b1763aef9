using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VoicePay.Simulator;

/// <summary>Reads the bank's books for <c>= balance</c> checks.</summary>
public interface IBankProbe
{
    /// <summary>The available balance of the person's first account of <paramref name="accountType"/> (checking, savings) or ending in it (four digits), or null.</summary>
    Task<decimal?> AvailableBalanceAsync(string accountType, CancellationToken cancellationToken);

    /// <summary>The last verification code the bank texted the person (the sandbox's outbox), or null: what <c>{code}</c> says.</summary>
    Task<string?> LatestCodeAsync(CancellationToken cancellationToken);
}

/// <summary>The sandbox bank's <c>GET /v1/accounts</c>, with the person's bearer token.</summary>
public sealed class SandboxBankProbe(HttpClient http, Uri bankBaseUrl, string accessToken) : IBankProbe
{
    public async Task<decimal?> AvailableBalanceAsync(string accountType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(bankBaseUrl, "v1/accounts"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        foreach (var account in document.RootElement.GetProperty("accounts").EnumerateArray())
        {
            if (string.Equals(account.GetProperty("type").GetString(), accountType, StringComparison.OrdinalIgnoreCase)
                || string.Equals(account.GetProperty("lastFour").GetString(), accountType, StringComparison.Ordinal))
            {
                return decimal.Parse(account.GetProperty("availableBalance").GetString()!, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public async Task<string?> LatestCodeAsync(CancellationToken cancellationToken)
    {
        using var customer = await GetAsync("v1/customer", cancellationToken);
        var id = customer.RootElement.GetProperty("id").GetString()!;
        using var outbox = await GetAsync("v1/sandbox/codes?customerId=" + Uri.EscapeDataString(id), cancellationToken);
        var codes = outbox.RootElement.GetProperty("codes");
        return codes.GetArrayLength() == 0 ? null : codes[0].GetProperty("code").GetString();
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(bankBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }
}

/// <summary>One expectation that did not hold.</summary>
public sealed record ScriptFailure(string Script, int Line, string Expected, string Actual, string? After)
{
    public override string ToString()
    {
        var after = After is null ? string.Empty : $"\n  after you said: {After}";
        return $"FAILED {Script}:{Line}\n  expected: {Expected}\n  actual:   {Actual}{after}";
    }
}

/// <summary>Plays a <see cref="ConversationScript"/> through a simulator and checks every expectation.</summary>
public sealed class ScriptRunner(ConversationSimulator simulator, IBankProbe? bank)
{
    /// <summary>Runs to the first failure (later lines would only repeat it). Each turn is reported to <paramref name="onTurn"/>.</summary>
    public async Task<ScriptFailure?> RunAsync(ConversationScript script, Action<Turn>? onTurn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        Turn? last = null;
        foreach (var step in script.Steps)
        {
            switch (step)
            {
                case ScriptStep.Say say:
                    if (await SpokenCodeAsync(say.Utterance, cancellationToken) is not { } utterance)
                    {
                        return Fail(script, step, last, "a verification code to say", bank is null ? "no bank to ask (a remote skill without its sandbox)" : "the bank texted none");
                    }

                    last = await simulator.SayAsync(utterance, cancellationToken);
                    onTurn?.Invoke(last);
                    break;

                case ScriptStep.Expect expect:
                    var said = Normalize(last!.Speech);
                    var contains = said.Contains(Normalize(expect.Text), StringComparison.OrdinalIgnoreCase);
                    if (contains == expect.Negated)
                    {
                        return Fail(script, step, last, $"Alexa {(expect.Negated ? "does not say" : "says")} \"{expect.Text}\"", $"Alexa said \"{last.Speech}\"");
                    }

                    break;

                case ScriptStep.SessionState state when last!.SessionEnded != state.Ended:
                    return Fail(script, step, last, state.Ended ? "the session ends" : "the session stays open", last.SessionEnded ? "the session ended" : "the session is still open");

                case ScriptStep.Heard heard:
                    var understood = last!.Understanding?.IntentName ?? last.Heard;
                    if (!string.Equals(understood, heard.Intent, StringComparison.Ordinal))
                    {
                        return Fail(script, step, last, $"Alexa hears {heard.Intent}", $"Alexa heard {last.Heard}");
                    }

                    break;

                case ScriptStep.Speaker speaker:
                    simulator.PersonId = speaker.PersonId;
                    break;

                case ScriptStep.Balance balance:
                    if (bank is null)
                    {
                        return Fail(script, step, last, $"{balance.AccountType} has {balance.Amount:0.00}", "no bank to ask (a remote skill without its sandbox)");
                    }

                    var available = await bank.AvailableBalanceAsync(balance.AccountType, cancellationToken);
                    if (available != balance.Amount)
                    {
                        return Fail(script, step, last, $"{balance.AccountType} has {balance.Amount.ToString("0.00", CultureInfo.InvariantCulture)} available", available is null ? $"no {balance.AccountType} account" : $"it has {available.Value.ToString("0.00", CultureInfo.InvariantCulture)}");
                    }

                    break;
            }
        }

        return null;
    }

    private static readonly string[] DigitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>
    /// <c>{code}</c> is the last code the bank texted, said digit by digit as a person reads it off their phone;
    /// <c>{wrong code}</c> is that code with its last digit changed. Null when a code is wanted and there is none.
    /// </summary>
    private async Task<string?> SpokenCodeAsync(string utterance, CancellationToken cancellationToken)
    {
        var right = utterance.Contains("{code}", StringComparison.Ordinal);
        var wrong = utterance.Contains("{wrong code}", StringComparison.Ordinal);
        if (!right && !wrong)
        {
            return utterance;
        }

        if (bank is null || await bank.LatestCodeAsync(cancellationToken) is not { Length: > 0 } code)
        {
            return null;
        }

        var other = code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));
        string Spoken(string digits) => string.Join(' ', digits.Select(d => DigitWords[d - '0']));
        return utterance.Replace("{code}", Spoken(code), StringComparison.Ordinal).Replace("{wrong code}", Spoken(other), StringComparison.Ordinal);
    }

    private static ScriptFailure Fail(ConversationScript script, ScriptStep step, Turn? last, string expected, string actual) =>
        new(script.Name, step.Line, expected, actual, last is null ? null : $"\"{last.Utterance}\" (heard {last.Heard})");

    /// <summary>Case, spacing and typographic apostrophes do not matter.</summary>
    private static string Normalize(string text) =>
        string.Join(' ', text.Replace('’', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
