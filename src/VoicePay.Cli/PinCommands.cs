using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Security;

namespace VoicePay.Cli;

/// <summary><c>voicepay pin set</c>: out-of-band enrolment. The PIN is read from standard input so it stays out of shell history.</summary>
internal static class PinCommands
{
    public static async Task<int> SetAsync(string userId, CancellationToken cancellationToken)
    {
        Console.Error.Write("New four-digit voice PIN: ");
        var entered = Console.IsInputRedirected ? await Console.In.ReadLineAsync(cancellationToken) : ReadMasked();
        if (!VoicePin.TryParse(entered, out var pin))
        {
            await Console.Error.WriteLineAsync("A voice PIN is exactly four digits. Nothing was changed.");
            return 1;
        }

        await using var services = LocalServices.Build();
        await services.GetRequiredService<VoicePinVerifier>().EnrollAsync(userId, pin, cancellationToken);
        await Console.Error.WriteLineAsync($"Voice PIN set for {userId}; any lock was cleared.");
        return 0;
    }

    private static string ReadMasked()
    {
        var digits = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return digits.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && digits.Length > 0)
            {
                digits.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                digits.Append(key.KeyChar);
                Console.Error.Write('*');
            }
        }
    }
}
