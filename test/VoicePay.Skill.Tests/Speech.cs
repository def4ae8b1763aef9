using System.Xml.Linq;
using VoicePay.Alexa.Responses;

namespace VoicePay.Skill.Tests;

internal static class Speech
{
    /// <summary>What Alexa would say: the SSML parsed (so it must be well-formed) and reduced to its words.</summary>
    public static string Of(SkillResponse response) =>
        response.Response.OutputSpeech is SsmlOutputSpeech ssml
            ? XDocument.Parse(ssml.Ssml, LoadOptions.PreserveWhitespace).Root!.Value
            : string.Empty;

    public static string RepromptOf(SkillResponse response) =>
        response.Response.Reprompt?.OutputSpeech is SsmlOutputSpeech ssml
            ? XDocument.Parse(ssml.Ssml).Root!.Value
            : string.Empty;
}
