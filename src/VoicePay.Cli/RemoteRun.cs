using System.Net.Http.Headers;

namespace VoicePay.Cli;

/// <summary><c>voicepay send</c>: what the Alexa simulator does, from a second terminal.</summary>
internal static class RemoteRun
{
    public static async Task<int> SendAsync(FileInfo file, Uri url, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"No such event file: {file.FullName}");
            return 1;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file.FullName, cancellationToken));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(url, content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"{(int)response.StatusCode} {response.ReasonPhrase}: {System.Text.Encoding.UTF8.GetString(body)}");
                return 1;
            }

            Output.Print(body);
            return 0;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach {url}: {ex.Message}. Is the host running (dotnet run --project src/VoicePay.Host)?");
            return 1;
        }
    }
}
