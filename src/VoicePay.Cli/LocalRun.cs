using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Json;
using VoicePay.Composition;
using VoicePay.Sandbox;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Security;

namespace VoicePay.Cli;

/// <summary><c>voicepay invoke</c>: an offline Lambda-style test run, event JSON in, response out.</summary>
internal static class LocalRun
{
    public static async Task<int> InvokeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such event file: {file.FullName}");
            return 1;
        }

        Directory.CreateDirectory(".data");
        await using var bank = await SandboxBankServer.StartAsync(
            configure: o => o.ConnectionString = "Data Source=.data/sandbox-bank.db",
            cancellationToken: cancellationToken);
        await using var services = LocalServices.Build(bank.BaseAddress);

        await LocalDefaults.EnrollDemoPinAsync(services.GetRequiredService<VoicePinVerifier>(), cancellationToken);

        try
        {
            var request = AlexaJson.ParseRequest(await File.ReadAllBytesAsync(file.FullName, cancellationToken));
            var response = await services.GetRequiredService<SkillPipeline>().HandleAsync(request, cancellationToken);
            Output.Print(AlexaJson.SerializeResponse(response));
            return 0;
        }
        catch (AlexaRequestFormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (SkillRequestRejectedException ex)
        {
            await Console.Error.WriteLineAsync($"Rejected: {ex.Message} (VoicePay__SkillId is {LocalDefaults.SkillId} unless you set it)");
            return 1;
        }
    }
}
