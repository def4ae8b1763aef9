using VoicePay.Alexa.Json;
using VoicePay.Alexa.Requests;

namespace VoicePay.Cli;

internal static class EventFiles
{
    public static async Task<byte[]> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UserErrorException($"No such event file: {file.FullName}");
        }

        return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
    }

    public static SkillRequest Parse(FileInfo file, byte[] json)
    {
        try
        {
            return AlexaJson.ParseRequest(json);
        }
        catch (AlexaRequestFormatException ex)
        {
            throw new UserErrorException($"{file.Name}: {ex.Message}", ex);
        }
    }
}
