using System.Text.Json;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Pipeline;

/// <summary>Everything a handler needs for one request, with the envelope's nullable corners resolved.</summary>
public sealed class HandlerInput
{
    private readonly string fallbackRequestId = "no-request-id-" + Guid.NewGuid().ToString("N");

    public HandlerInput(SkillRequest envelope, SpeechCatalog speech, AfterResponse? afterResponse = null)
    {
        Envelope = envelope;
        Speech = speech;
        AfterResponse = afterResponse ?? new AfterResponse();
        var system = envelope.Context?.System;
        UserId = system?.User?.UserId ?? envelope.Session?.User?.UserId ?? string.Empty;
        SessionId = envelope.Session?.SessionId;
        PersonId = string.IsNullOrWhiteSpace(system?.Person?.PersonId) ? null : system.Person.PersonId;
        AccessToken = system?.User?.AccessToken ?? envelope.Session?.User?.AccessToken;
        SessionAttributes = envelope.Session?.Attributes is { } attributes
            ? new Dictionary<string, JsonElement>(attributes, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
    }

    public SkillRequest Envelope { get; }

    public Request Request => Envelope.Request;

    public SpeechCatalog Speech { get; }

    public string UserId { get; }

    public string? SessionId { get; }

    /// <summary>
    /// The household member Alexa recognized by voice (<c>context.System.person.personId</c>), null when none was: whose
    /// voice PIN this turn's PIN is (<see cref="State.PinHolder"/>). Personal data: never speak, show or log it.
    /// </summary>
    public string? PersonId { get; }

    /// <summary>The account-linking token. A secret: never log, speak or show it.</summary>
    public string? AccessToken { get; }

    /// <summary>
    /// Attributes sent back to Alexa with the response. Plain and client-visible: never the source of
    /// truth for anything security-relevant (that lives in <see cref="State.IUserStateStore"/>).
    /// </summary>
    public Dictionary<string, JsonElement> SessionAttributes { get; }

    public IntentRequest? IntentRequest => Request as IntentRequest;

    /// <summary>The Alexa request id; a retry of the same request carries the same one.</summary>
    public string RequestId => Request.RequestId is { Length: > 0 } id ? id : fallbackRequestId;

    /// <summary>Work for after the answer is sent (<see cref="Pipeline.AfterResponse"/>).</summary>
    public AfterResponse AfterResponse { get; }

    /// <summary>What this turn did with money, so that even a failure afterwards is answered truthfully.</summary>
    public Transfers.TurnRecord Turn { get; } = new();

    public bool IsIntent(string intentName) => IntentRequest?.Intent.Name == intentName;

    /// <summary>True the first time only: a turn says "one moment" at most once, however many slow bank calls it makes.</summary>
    public bool TryClaimProgressiveResponse() => Interlocked.Exchange(ref progressiveResponseClaimed, 1) == 0;

    private int progressiveResponseClaimed;
}
