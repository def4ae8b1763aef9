using System.Collections.Frozen;

namespace VoicePay.Skill.Conversation;

/// <summary>What the person did this turn, whatever the intent's name (see <see cref="ConversationInputs"/>).</summary>
public enum Input
{
    Launch,
    SendMoney,
    Yes,
    No,
    Repeat,
    Help,
    Fallback,
    Cancel,
    Pin,
    AccountQuestion,

    /// <summary>"Forget me": delete what Voice Pay keeps about the person.</summary>
    ForgetMe,
}

/// <summary>What the skill does about it. <see cref="ConversationEngine"/> carries each out.</summary>
public enum Step
{
    /// <summary>Settle transfers whose outcome was unknown, then welcome.</summary>
    Welcome,

    /// <summary>Gather amount, payee and account (merged with what was said before), check limits, read back.</summary>
    Collect,

    /// <summary>Ask again for what is missing.</summary>
    AskAgain,

    /// <summary>Take "the second one" or a name from the payees offered.</summary>
    Choose,

    /// <summary>Offer the payees again, by position.</summary>
    ChooseAgain,

    /// <summary>Drop the payee and ask who to pay.</summary>
    AskPayee,

    /// <summary>Read the payment back again.</summary>
    ReadBackAgain,

    /// <summary>Yes to "Send another?": read the payment back, as for any payment.</summary>
    ReadBackRepeat,

    /// <summary>Ask "Send another?" again.</summary>
    AskRepeatAgain,

    /// <summary>A PIN was said at the read-back: ask for a yes first; the PIN is not compared.</summary>
    ConfirmFirst,

    /// <summary>Yes to the read-back: ask for the PIN, or send at once if it was verified in this session.</summary>
    Confirm,

    /// <summary>Compare the PIN; if right, send the payment or answer the question.</summary>
    CheckPin,

    AskPinAgain,
    HelpCollecting,
    HelpReadBack,
    HelpPin,

    /// <summary>Drop the payment and say so: "I've cancelled the payment to Alice Smith; nothing was sent."</summary>
    CancelPayment,

    /// <summary>As <see cref="CancelPayment"/>, then goodbye.</summary>
    CancelPaymentAndEnd,

    /// <summary>A new request while a payment waits: cancel it, say so, then treat the request as if nothing waited.</summary>
    CancelPaymentThen,

    /// <summary>Balance or transactions: behind the PIN unless verified in this session.</summary>
    AskAccounts,

    /// <summary>Drop a question waiting for the PIN.</summary>
    Nevermind,

    NothingToConfirm,
    NothingWaitingForPin,
    Help,
    Fallback,
    Goodbye,

    /// <summary>The transfer is in the journal: say what became of it (asking the bank if it is not settled).</summary>
    ReportOutcome,

    /// <summary>"This deletes your voice PIN and your alerts from Voice Pay. Your bank account is not affected. Shall I go ahead?"</summary>
    ReadBackForget,

    /// <summary>Say what deleting means again and ask again.</summary>
    ReadBackForgetAgain,

    /// <summary>Yes to deleting: ask for the PIN, or delete at once if it was verified in this session.</summary>
    ConfirmForget,

    /// <summary>No to deleting: nothing is deleted, and the person hears so.</summary>
    KeepData,
}

/// <summary>
/// The payment conversation as one table: for every phase and every input, the step. Pure and
/// total (a test checks every pair has a row); docs/architecture.md shows it, and a test keeps the
/// two the same.
/// </summary>
public static class ConversationTable
{
    private static readonly (Phase Phase, Step[] Steps)[] Rows =
    [
        // Columns: Launch, SendMoney, Yes, No, Repeat, Help, Fallback, Cancel, Pin, AccountQuestion, ForgetMe (the order of Input).
        (Phase.Idle, [Step.Welcome, Step.Collect, Step.NothingToConfirm, Step.Goodbye, Step.Help, Step.Help, Step.Fallback, Step.Goodbye, Step.NothingWaitingForPin, Step.AskAccounts, Step.ReadBackForget]),
        (Phase.Collecting, [Step.Welcome, Step.Collect, Step.AskAgain, Step.CancelPayment, Step.AskAgain, Step.HelpCollecting, Step.AskAgain, Step.CancelPaymentAndEnd, Step.AskAgain, Step.CancelPaymentThen, Step.CancelPaymentThen]),
        (Phase.Choosing, [Step.Welcome, Step.Choose, Step.ChooseAgain, Step.AskPayee, Step.ChooseAgain, Step.ChooseAgain, Step.ChooseAgain, Step.CancelPaymentAndEnd, Step.ChooseAgain, Step.CancelPaymentThen, Step.CancelPaymentThen]),
        (Phase.ReadBack, [Step.Welcome, Step.Collect, Step.Confirm, Step.CancelPayment, Step.ReadBackAgain, Step.HelpReadBack, Step.ReadBackAgain, Step.CancelPaymentAndEnd, Step.ConfirmFirst, Step.CancelPaymentThen, Step.CancelPaymentThen]),
        (Phase.ConfirmRepeat, [Step.Welcome, Step.Collect, Step.ReadBackRepeat, Step.CancelPayment, Step.AskRepeatAgain, Step.AskRepeatAgain, Step.AskRepeatAgain, Step.CancelPaymentAndEnd, Step.AskRepeatAgain, Step.CancelPaymentThen, Step.CancelPaymentThen]),
        (Phase.PinForPayment, [Step.Welcome, Step.Collect, Step.AskPinAgain, Step.CancelPayment, Step.AskPinAgain, Step.HelpPin, Step.AskPinAgain, Step.CancelPaymentAndEnd, Step.CheckPin, Step.CancelPaymentThen, Step.CancelPaymentThen]),
        (Phase.PinForAccounts, [Step.Welcome, Step.Collect, Step.AskPinAgain, Step.Nevermind, Step.AskPinAgain, Step.HelpPin, Step.AskPinAgain, Step.Goodbye, Step.CheckPin, Step.AskAccounts, Step.ReadBackForget]),
        (Phase.ConfirmForget, [Step.Welcome, Step.Collect, Step.ConfirmForget, Step.KeepData, Step.ReadBackForgetAgain, Step.ReadBackForgetAgain, Step.ReadBackForgetAgain, Step.Goodbye, Step.ReadBackForgetAgain, Step.AskAccounts, Step.ReadBackForgetAgain]),
        (Phase.PinForForget, [Step.Welcome, Step.Collect, Step.AskPinAgain, Step.KeepData, Step.AskPinAgain, Step.HelpPin, Step.AskPinAgain, Step.Goodbye, Step.CheckPin, Step.AskAccounts, Step.AskPinAgain]),
        (Phase.Sending, [Step.Welcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome, Step.ReportOutcome]),
    ];

    private static readonly FrozenDictionary<(Phase, Input), Step> Table = Build();

    public static Step Next(Phase phase, Input input) => Table[(phase, input)];

    /// <summary>The table as Markdown, for docs/architecture.md.</summary>
    public static string ToMarkdown()
    {
        var inputs = Enum.GetValues<Input>();
        var lines = new List<string>
        {
            "| phase \\ input | " + string.Join(" | ", inputs) + " |",
            "| --- |" + string.Concat(Enumerable.Repeat(" --- |", inputs.Length)),
        };
        lines.AddRange(Rows.Select(row => $"| **{row.Phase}** | " + string.Join(" | ", row.Steps) + " |"));
        return string.Join('\n', lines);
    }

    private static FrozenDictionary<(Phase, Input), Step> Build()
    {
        var inputs = Enum.GetValues<Input>();
        var table = new Dictionary<(Phase, Input), Step>();
        foreach (var (phase, steps) in Rows)
        {
            if (steps.Length != inputs.Length)
            {
                throw new InvalidOperationException($"The row for {phase} has {steps.Length} steps for {inputs.Length} inputs.");
            }

            for (var i = 0; i < inputs.Length; i++)
            {
                table.Add((phase, inputs[i]), steps[i]);
            }
        }

        return table.ToFrozenDictionary();
    }
}
