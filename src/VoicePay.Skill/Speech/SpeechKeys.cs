namespace VoicePay.Skill.Speech;

/// <summary>Keys into Speech/Resources/{locale}.json; a test checks every locale has every key.</summary>
public static class SpeechKeys
{
    public const string CardTitle = "Card.Title";
    public const string Welcome = "Launch.Welcome";
    public const string WelcomeReprompt = "Launch.Reprompt";
    public const string Help = "Help.Speech";
    public const string HelpReprompt = "Help.Reprompt";
    public const string Goodbye = "Goodbye";
    public const string Fallback = "Fallback.Speech";
    public const string FallbackReprompt = "Fallback.Reprompt";
    public const string UnknownRequest = "Unknown.Speech";
    public const string Error = "Error.Speech";
}
