namespace VoicePay.Alexa.Responses;

/// <summary>
/// The answer to a <see cref="Requests.CanFulfillIntentRequest"/>: <c>response.canFulfillIntent</c>, the whole intent
/// (<see cref="CanFulfill"/>: YES, NO or MAYBE) and each slot Alexa detected.
/// </summary>
public sealed class CanFulfillIntent
{
    public string CanFulfill { get; set; } = CanFulfillValues.No;

    /// <summary>By slot name, as the request named them.</summary>
    public Dictionary<string, CanFulfillSlot>? Slots { get; set; }
}

/// <summary>
/// One slot: <see cref="CanUnderstand"/> is YES (the skill knows the value), MAYBE (it may: a name it would look up) or NO;
/// <see cref="CanFulfill"/> is YES only when the skill can certainly act on the value, else NO (Amazon allows only these two).
/// </summary>
public sealed class CanFulfillSlot
{
    public string CanUnderstand { get; set; } = CanFulfillValues.No;

    public string CanFulfill { get; set; } = CanFulfillValues.No;
}

/// <summary>The words of the CanFulfillIntentRequest interface.</summary>
public static class CanFulfillValues
{
    public const string Yes = "YES";
    public const string No = "NO";
    public const string Maybe = "MAYBE";
}
