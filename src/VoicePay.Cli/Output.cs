using System.Text.Json;
using VoicePay.Alexa.Json;
using VoicePay.Alexa.Responses;
using VoicePay.Simulator;

namespace VoicePay.Cli;

internal static class Output
{
    /// <summary>Prints the response JSON (decoded, indented), then what Alexa would say and show.</summary>
    public static void Print(TextWriter output, byte[] responseJson)
    {
        output.WriteLine(Json.Pretty(responseJson));
        SkillResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(responseJson, AlexaJsonContext.Default.SkillResponse);
        }
        catch (JsonException)
        {
            return;
        }

        if (response is null)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Alexa: {ReplyText.Plain(response.Response.OutputSpeech)}");
        if (response.Response.Reprompt?.OutputSpeech is { } reprompt)
        {
            output.WriteLine($"  (if you say nothing: {ReplyText.Plain(reprompt)})");
        }

        if (ReplyText.Card(response.Response.Card) is { } card)
        {
            output.WriteLine($"  card: {card.ReplaceLineEndings(" / ")}");
        }

        foreach (var directive in response.Response.Directives ?? [])
        {
            output.WriteLine($"  directive: {ReplyText.Directive(directive)}");
        }

        if (response.Response.ShouldEndSession == true)
        {
            output.WriteLine("  (the session ends)");
        }
    }
}
