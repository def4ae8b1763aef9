using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoicePay.Cli;

internal static partial class Output
{
    /// <summary>Prints the response JSON, then what Alexa would say, as a person would hear it.</summary>
    public static void Print(byte[] responseJson)
    {
        using var document = JsonDocument.Parse(responseJson);
        using (var stdout = Console.OpenStandardOutput())
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        Console.WriteLine();
        if (document.RootElement.TryGetProperty("response", out var response)
            && response.TryGetProperty("outputSpeech", out var speech)
            && speech.TryGetProperty("ssml", out var ssml))
        {
            Console.WriteLine();
            Console.WriteLine($"Alexa: {System.Net.WebUtility.HtmlDecode(Tags().Replace(ssml.GetString() ?? string.Empty, string.Empty))}");
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
