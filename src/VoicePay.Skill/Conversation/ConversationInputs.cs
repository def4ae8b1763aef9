using VoicePay.Alexa.Requests;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Conversation;

/// <summary>Which <see cref="Input"/> a request is, whatever route Alexa took to deliver it.</summary>
public static class ConversationInputs
{
    /// <summary>A request the conversation answers; anything else (unknown request types or intents) goes to the catch-all.</summary>
    public static bool IsConversational(HandlerInput input) => input.Request switch
    {
        LaunchRequest or SessionResumedRequest => true,
        IntentRequest { Intent.Name: var name } => Known.Contains(name),
        _ => false,
    };

    /// <summary>The intents the conversation answers (a test holds them to the interaction models).</summary>
    public static IReadOnlySet<string> Intents => Known;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        IntentNames.SendMoney, IntentNames.Yes, IntentNames.No, IntentNames.Repeat, IntentNames.Help, IntentNames.Cancel,
        IntentNames.Stop, IntentNames.NavigateHome, IntentNames.Pin, IntentNames.CheckBalance, IntentNames.RecentTransactions,
        IntentNames.ReadAlerts, IntentNames.ForgetMe, IntentNames.Fallback, IntentNames.ListAccounts,
        IntentNames.Spending, IntentNames.MoneyIn, IntentNames.LastPayment,
        IntentNames.Code, IntentNames.ChangePin, IntentNames.ForgotPin, IntentNames.MoveMoney,
    };

    /// <summary>Which input the request is in <paramref name="phase"/>, with <paramref name="state"/> holding what waits.</summary>
    public static Input Classify(HandlerInput input, Phase phase, ConversationState state) => input.Request switch
    {
        LaunchRequest => Input.Launch,

        // Alexa hands back control after AMAZON.VerifyPerson: a PIN, said to Alexa instead of to us.
        SessionResumedRequest => Input.Pin,
        IntentRequest { Intent: var intent } => intent.Name switch
        {
            // After Dialog.ConfirmIntent, "yes" and "no" arrive as the confirmed or denied intent. They answer a
            // payment's read-back only: where something else waits ("forget me", a PIN for a balance, a list), a
            // stale or replayed one is not the person's yes or no to it.
            IntentNames.SendMoney => intent.ConfirmationStatus switch
            {
                ConfirmationStatuses.Confirmed or ConfirmationStatuses.Denied when !AboutAPayment(phase, state) => Input.Fallback,
                ConfirmationStatuses.Confirmed => Input.Yes,
                ConfirmationStatuses.Denied => Input.No,

                // "The account ending in 9034" answers "which account should I move the money from?": Alexa may hear it
                // as a payment's words, but naming only an account it is the move's answer, not a new payment.
                _ when phase == Phase.CollectingMove && NamesOnlyAnAccount(intent) => Input.MoveMoney,

                // "Make it thirty dollars" at a move's read-back changes the move: no payee, so it is not a new payment.
                _ when phase == Phase.ReadBack && state.Transfer?.To is not null && string.IsNullOrWhiteSpace(intent.SlotValue(SlotNames.Payee)) => Input.MoveMoney,
                _ => Input.SendMoney,
            },
            IntentNames.Yes => Input.Yes,
            IntentNames.No => Input.No,
            IntentNames.Repeat => Input.Repeat,
            IntentNames.Help => Input.Help,
            IntentNames.Cancel or IntentNames.Stop or IntentNames.NavigateHome => Input.Cancel,
            IntentNames.Pin => Input.Pin,
            IntentNames.CheckBalance or IntentNames.RecentTransactions or IntentNames.ReadAlerts or IntentNames.ListAccounts => Input.AccountQuestion,
            IntentNames.ForgetMe => Input.ForgetMe,
            IntentNames.Spending or IntentNames.MoneyIn or IntentNames.LastPayment => Input.SpendingQuestion,
            IntentNames.Code => Input.Code,
            IntentNames.ChangePin => Input.ChangePin,
            IntentNames.ForgotPin => Input.ForgotPin,
            IntentNames.MoveMoney => Input.MoveMoney,
            _ => Input.Fallback,
        },
        _ => Input.Fallback,
    };

    private static bool NamesOnlyAnAccount(Intent intent) =>
        new[] { SlotNames.Payee, SlotNames.Amount, SlotNames.Cents }.All(s => string.IsNullOrWhiteSpace(intent.SlotValue(s)))
        && new[] { SlotNames.Account, SlotNames.AccountName, SlotNames.LastFour }.Any(s => !string.IsNullOrWhiteSpace(intent.SlotValue(s)));

    /// <summary>
    /// Where a payment's yes or no can be meant: a phase preparing or sending a payment (not a move between the person's
    /// own accounts, read back in the same phases but answered with a plain yes), or <see cref="Phase.Idle"/> (where
    /// any yes hears that nothing waits to be confirmed).
    /// </summary>
    private static bool AboutAPayment(Phase phase, ConversationState state) =>
        phase is Phase.Idle or Phase.Collecting or Phase.Choosing or Phase.ReadBack or Phase.ConfirmRepeat or Phase.PinForPayment
            or Phase.Sending or Phase.PinForAccountLookup or Phase.ChoosingAccount
        && state.Transfer?.To is null && state.Move is null && state.Confirmed?.Transfer?.To is null;
}

/// <summary>How the person answered "Did you mean Alice Jones or Alice Smith?".</summary>
public abstract record CandidateAnswer
{
    private CandidateAnswer()
    {
    }

    /// <summary>"The second one": the zero-based position among those offered.</summary>
    public sealed record Position(int Index) : CandidateAnswer;

    /// <summary>"Yes": which one is still open.</summary>
    public sealed record Affirmative : CandidateAnswer;

    /// <summary>"No", "neither".</summary>
    public sealed record Negative : CandidateAnswer;

    /// <summary>Anything else: a name to match.</summary>
    public sealed record Name : CandidateAnswer;

    private static readonly string[][] Positions =
    [
        ["first", "one", "1", "1st", "number one", "former"],
        ["second", "two", "2", "2nd", "number two"],
        ["third", "three", "3", "3rd", "number three"],
        ["fourth", "four", "4", "4th", "number four"],
        ["fifth", "five", "5", "5th", "number five"],
    ];

    private static readonly string[] Yes = ["yes", "yeah", "yep", "yup", "sure", "correct", "right", "that's right", "that", "ok", "okay"];
    private static readonly string[] No = ["no", "nope", "neither", "none", "neither of them", "none of them", "no one", "nobody"];

    public static CandidateAnswer Parse(string? heard, int offered)
    {
        var words = Normalize(heard);
        if (words.Length == 0)
        {
            return new Name();
        }

        if (Yes.Contains(words))
        {
            return new Affirmative();
        }

        if (No.Contains(words))
        {
            return new Negative();
        }

        if (words is "last" or "last one" or "the last" or "latter")
        {
            return new Position(offered - 1);
        }

        // "The third one" of two is still a position (out of range): the list stands and is offered again.
        for (var i = 0; i < Positions.Length; i++)
        {
            if (Positions[i].Contains(words))
            {
                return new Position(i);
            }
        }

        return new Name();
    }

    // "the second one please" → "second"; "number two" stays.
    private static string Normalize(string? heard)
    {
        var words = (heard ?? string.Empty).Trim().ToLowerInvariant().TrimEnd('.', '!', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        words.RemoveAll(w => w is "please" or "the" or "it's" or "its" or "is");
        if (words.Count > 1 && words[^1] == "one" && words[0] != "number")
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }
}
