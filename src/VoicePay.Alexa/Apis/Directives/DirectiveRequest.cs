namespace VoicePay.Alexa.Apis.Directives;

// POST {apiEndpoint}/v1/directives: {"header": {"requestId": ...}, "directive": {"type": "VoicePlayer.Speak", "speech": "<speak>...</speak>"}}
// (Amazon, "Progressive Response REST API Reference").
internal sealed record DirectiveRequest(DirectiveHeader Header, SpeakDirective Directive);

internal sealed record DirectiveHeader(string RequestId);

internal sealed record SpeakDirective(string Type, string Speech);
