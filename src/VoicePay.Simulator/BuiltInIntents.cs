namespace VoicePay.Simulator;

/// <summary>
/// Alexa's built-in intents and a representative share of the phrases that reach them. They are
/// recognised even when the interaction model does not list them yet; phrases the model adds to
/// them (its own samples) count as well.
/// </summary>
public static class BuiltInIntents
{
    public const string Yes = "AMAZON.YesIntent";
    public const string No = "AMAZON.NoIntent";
    public const string Repeat = "AMAZON.RepeatIntent";
    public const string Help = "AMAZON.HelpIntent";
    public const string Stop = "AMAZON.StopIntent";
    public const string Cancel = "AMAZON.CancelIntent";
    public const string Fallback = "AMAZON.FallbackIntent";
    public const string NavigateHome = "AMAZON.NavigateHomeIntent";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Phrases { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Yes] = ["yes", "yeah", "yep", "yup", "sure", "yes please", "correct", "that's right", "that's correct", "right", "ok", "okay", "go ahead", "do it", "sounds good", "please do", "affirmative", "of course"],
        [No] = ["no", "nope", "nah", "no thanks", "no thank you", "not really", "wrong", "that's wrong", "that's not right", "negative", "don't"],
        [Repeat] = ["repeat", "repeat that", "say that again", "say it again", "please repeat", "come again", "pardon", "what did you say", "can you repeat that", "sorry what"],
        [Help] = ["help", "help me", "what can i say", "what can you do", "how does this work", "i need help"],
        [Stop] = ["stop", "off", "shut up", "quit", "be quiet", "stop it"],
        [Cancel] = ["cancel", "never mind", "nevermind", "forget it", "cancel that"],
        [NavigateHome] = ["go home", "go to home", "home"],
    };

    /// <summary>The built-in intent a phrase names, or null.</summary>
    public static string? Match(IReadOnlyList<string> tokens)
    {
        var phrase = Utterances.Join(tokens);
        foreach (var (intent, phrases) in Phrases)
        {
            if (phrases.Contains(phrase, StringComparer.Ordinal))
            {
                return intent;
            }
        }

        return null;
    }
}
