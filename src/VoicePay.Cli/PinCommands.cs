using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Security;
using VoicePay.Skill.State;

namespace VoicePay.Cli;

/// <summary>
/// <c>voicepay pin set|reset|status --user ID [--person ID]</c> on the user-state store the local host uses (the
/// shared data folder), safe while the host runs. The PIN is read from standard input so it stays
/// out of shell history. With <c>--person</c> the PIN is that recognized person's own on the shared account
/// (issue 19, item 5); without it, the account's (the PIN of voices Alexa does not recognize).
/// </summary>
internal static class PinCommands
{
    public static async Task<int> SetAsync(CliConsole console, string dataFolder, string? userId, string? personId, CancellationToken cancellationToken)
    {
        var user = RequireUser(userId);
        var holder = Holder(user, personId);
        string? entered;
        if (console.IsInputRedirected)
        {
            entered = await console.In.ReadLineAsync(cancellationToken);
        }
        else
        {
            await console.Error.WriteAsync("New four-digit voice PIN: ");
            entered = ReadMasked(console);
            await console.Error.WriteLineAsync();
        }

        if (!VoicePin.TryParse(entered?.Trim(), out var pin))
        {
            throw new UserErrorException("A voice PIN is exactly four digits. Nothing was changed.");
        }

        // The same rule as choosing a PIN by voice: an operator enrolling a person must not give them a PIN a thief tries first.
        if (PinStrength.IsEasyToGuess(pin))
        {
            throw new UserErrorException("That PIN is among the first a stranger would guess (one digit four times, digits in a row, or one of the most common PINs). Choose another. Nothing was changed.");
        }

        await using var services = LocalServices.Build(dataFolder);
        await services.GetRequiredService<VoicePinVerifier>().EnrollAsync(holder, pin, cancellationToken);
        await console.Out.WriteLineAsync($"Voice PIN set for {Describe(holder)}; any lock was cleared. (store: {Composition.LocalDefaults.UserStatePath(dataFolder)})");
        return ExitCodes.Ok;
    }

    public static async Task<int> ResetAsync(CliConsole console, string dataFolder, string? userId, string? personId, CancellationToken cancellationToken)
    {
        var user = RequireUser(userId);
        var holder = Holder(user, personId);
        await using var services = LocalServices.Build(dataFolder);
        var store = services.GetRequiredService<IUserStateStore>();
        if (await store.GetPinAsync(holder, cancellationToken) is null)
        {
            throw new UserErrorException($"{Describe(holder)} has no voice PIN, so there is no lock to clear. Set one with: echo 5927 | voicepay pin set --user {user}");
        }

        await store.UpdatePinAttemptsAsync(holder, _ => (PinAttemptWindow.Empty, true), cancellationToken);
        await console.Out.WriteLineAsync($"Voice PIN lock and failed attempts cleared for {Describe(holder)}; the PIN is unchanged.");
        return ExitCodes.Ok;
    }

    public static async Task<int> StatusAsync(CliConsole console, string dataFolder, string? userId, string? personId, CancellationToken cancellationToken)
    {
        var user = RequireUser(userId);
        var holder = Holder(user, personId);
        await using var services = LocalServices.Build(dataFolder);
        var record = await services.GetRequiredService<IUserStateStore>().GetPinAsync(holder, cancellationToken);
        var maxAttempts = services.GetRequiredService<IOptions<PinOptions>>().Value.MaxAttempts;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var status = record switch
        {
            null => "no voice PIN (the skill will say so; set one with voicepay pin set)",
            _ when record.IsLocked(maxAttempts, now) => $"voice PIN set, LOCKED after {record.Attempts.WrongCount(now)} wrong attempts (voicepay pin reset unlocks)",
            _ => $"voice PIN set, {record.Attempts.WrongCount(now)} of {maxAttempts} failed attempts used",
        };
        await console.Out.WriteLineAsync($"{Describe(holder)}: {status}");
        return ExitCodes.Ok;
    }

    /// <summary>The account's PIN, or with <c>--person</c> that person's (an Alexa person ID, amzn1.ask.person.…).</summary>
    private static PinHolder Holder(string user, string? personId) =>
        personId is null ? PinHolder.Account(user)
        : string.IsNullOrWhiteSpace(personId) ? throw new UserErrorException("--person needs an Alexa person ID, such as amzn1.ask.person.ALICE.")
        : new PinHolder(user, personId.Trim());

    // The operator typed both IDs: saying them back here is no leak (the skill never speaks or logs a person ID).
    private static string Describe(PinHolder holder) => holder.PersonId is { } person ? $"{holder.UserId} (person {person})" : holder.UserId;

    private static string RequireUser(string? userId) =>
        string.IsNullOrWhiteSpace(userId)
            ? throw new UserErrorException("--user needs an Alexa user ID, such as amzn1.ask.account.TESTUSER (the demo person).")
            : userId.Trim();

    private static string ReadMasked(CliConsole console)
    {
        var digits = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return digits.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && digits.Length > 0)
            {
                digits.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                digits.Append(key.KeyChar);
                console.Error.Write('*');
            }
        }
    }
}
