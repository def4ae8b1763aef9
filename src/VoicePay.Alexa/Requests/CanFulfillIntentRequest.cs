namespace VoicePay.Alexa.Requests;

/// <summary>
/// Alexa asks, before choosing a skill for a request that named none ("Alexa, send twenty dollars to Alice"), whether
/// this skill can understand and fulfill the intent with the slots Alexa detected. The skill must answer without acting:
/// no speech, no state changed, nothing charged (Amazon, "Implement CanFulfillIntentRequest for Name-free Interactions").
/// The answer is <see cref="Responses.CanFulfillIntent"/>.
/// </summary>
public sealed class CanFulfillIntentRequest() : Request(RequestTypes.CanFulfillIntent)
{
    public string? DialogState { get; set; }

    /// <summary>The intent Alexa detected, with the slots it filled; a request without one is answered NO.</summary>
    public Intent? Intent { get; set; }
}
