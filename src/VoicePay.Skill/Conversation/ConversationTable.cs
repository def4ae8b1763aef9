using System.Collections.Frozen;
using System.Text;

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

    /// <summary>A spending question: "how much did I spend at Starbucks last month?", "when did I last pay Mary?"</summary>
    SpendingQuestion,

    /// <summary>A six-digit code from a text message (<c>CodeIntent</c>).</summary>
    Code,

    /// <summary>"Change my PIN", "set up a voice PIN" (<c>ChangePinIntent</c>).</summary>
    ChangePin,

    /// <summary>"I forgot my PIN", "send me a new code" (<c>ForgotPinIntent</c>).</summary>
    ForgotPin,

    /// <summary>"Move a hundred dollars from savings to checking": a transfer between the person's own accounts.</summary>
    MoveMoney,
}

/// <summary>What the skill does about it. The flows behind <see cref="ConversationEngine"/> carry each out.</summary>
public enum Step
{
    /// <summary>Settle transfers whose outcome was unknown, speak of an action left waiting for a PIN in an earlier session, then welcome.</summary>
    Welcome,

    /// <summary>Gather amount, payee and account (merged with what was said before), check the per-transfer limit, read back.</summary>
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

    /// <summary>Yes to the read-back: the payment becomes a confirmed action; ask for the PIN, or send at once if it was verified in this session.</summary>
    Confirm,

    /// <summary>Compare the PIN; if right, complete the confirmed action or answer the question.</summary>
    CheckPin,

    AskPinAgain,
    HelpCollecting,
    HelpReadBack,
    HelpPin,

    /// <summary>Drop the payment and say so: "I've cancelled the payment to Alice Smith; nothing was sent."</summary>
    CancelPayment,

    /// <summary>As <see cref="CancelPayment"/>, then goodbye.</summary>
    CancelPaymentAndEnd,

    /// <summary>A new request while a payment waits: cancel it, say so, then do what the Idle row says for the request.</summary>
    CancelPaymentThen,

    /// <summary>Balance, transactions or alerts: behind the PIN unless verified in this session.</summary>
    AskAccounts,

    /// <summary>Drop a question waiting for the PIN, or the rest of a list.</summary>
    Nevermind,

    NothingToConfirm,
    NothingWaitingForPin,
    Help,
    Fallback,
    Goodbye,

    /// <summary>Say the last answer again (right after the welcome: the welcome).</summary>
    RepeatLast,

    /// <summary>"Want to hear more?" — yes: the next three.</summary>
    MoreItems,

    /// <summary>The transfer is in the journal: say what became of it (asking the bank if it is not settled).</summary>
    ReportOutcome,

    /// <summary>"This deletes your voice PIN and your alerts from Voice Pay. Your bank account is not affected. Shall I go ahead?"</summary>
    ReadBackForget,

    /// <summary>Say what deleting means again and ask again.</summary>
    ReadBackForgetAgain,

    /// <summary>Yes to deleting: it becomes a confirmed action; ask for the PIN, or delete at once if it was verified in this session.</summary>
    ConfirmForget,

    /// <summary>No to deleting: nothing is deleted, and the person hears so.</summary>
    KeepData,

    /// <summary>As <see cref="KeepData"/>, then goodbye.</summary>
    KeepDataAndEnd,

    /// <summary>A new request while deleting waits: say nothing was deleted, then do what the Idle row says for the request.</summary>
    KeepDataThen,

    /// <summary>A spending question: behind the PIN unless verified in this session (always, whatever RequiredForBalance says).</summary>
    AskSpending,

    /// <summary>Take the account to pay from among those offered (by position, name, kind or last four), or look up the one named.</summary>
    ChooseAccount,

    /// <summary>Offer the accounts to pay from again.</summary>
    ChooseAccountAgain,

    // The voice PIN set up by the person (issue 19 item 4): PinSetupFlow carries these out.

    /// <summary>"Change my PIN": the current PIN first (unless verified in this session); not set up yet: offer set-up.</summary>
    ChangePin,

    /// <summary>"I forgot my PIN": text a new code to the phone on file.</summary>
    ForgotPin,

    /// <summary>Yes to "Shall I text you a code?": the bank texts one.</summary>
    SendCode,

    /// <summary>No to the offer: nothing is sent, and the person hears how to ask later.</summary>
    DeclinePinSetup,

    /// <summary>The bank checks the code said; right: choose a PIN.</summary>
    CheckCode,

    /// <summary>The current PIN, through the PIN gate and its lockout; right: choose a new PIN.</summary>
    CheckOldPin,

    /// <summary>The new PIN, said once: kept MACed (never as digits) until it is said again.</summary>
    TakeNewPin,

    /// <summary>The new PIN said again: the same, it is saved as the person's PIN record; not: choose again.</summary>
    ConfirmNewPin,

    /// <summary>Ask again what the set-up phase waits for.</summary>
    AskSetupAgain,

    /// <summary>Explain what the set-up phase waits for, and ask again.</summary>
    HelpPinSetup,

    /// <summary>Stop setting up: the PIN is as it was, and the person hears so.</summary>
    StopPinSetup,

    /// <summary>As <see cref="StopPinSetup"/>, then goodbye.</summary>
    StopPinSetupAndEnd,

    /// <summary>A new request during set-up: say the PIN is unchanged, then do what the Idle row says for the request.</summary>
    StopPinSetupThen,

    // Moves between the person's own accounts (issue 19, item 3): MoveFlow carries these out.

    /// <summary>Gather a move between the person's own accounts (merged with what was said before): amount and limit, the PIN, then both accounts; read back.</summary>
    CollectMove,

    /// <summary>Ask again what the move waits for (the amount, or which account).</summary>
    AskMoveAgain,

    /// <summary>Say what is going on, then ask again what the move waits for.</summary>
    HelpMove,

    /// <summary>
    /// A move's words at a read-back ("make it thirty dollars", "move it from vacation savings"): a move read back is changed
    /// (what is not said again is kept) and read back again; a payment read back is cancelled with words, then the move is gathered.
    /// </summary>
    ChangeMove,
}

/// <summary>What a step does with a confirmed action (a payment or "forget me" waiting for its PIN).</summary>
public enum ConfirmedActionRule
{
    /// <summary>It keeps waiting: the step must stay in the same phase.</summary>
    Keeps,

    /// <summary>It is carried out (or its outcome, already decided, is said).</summary>
    Completes,

    /// <summary>It is dropped, and the person hears that nothing was sent or deleted.</summary>
    CancelsWithWords,
}

/// <summary>One row: in <paramref name="From"/>, on <paramref name="On"/>, do <paramref name="Step"/> and end in one of <paramref name="To"/>.</summary>
public sealed record Transition(Phase From, Input On, Step Step, IReadOnlyList<Phase> To);

/// <summary>
/// The conversation as one declared table, in the manner of the Stateless library's <c>Permit</c>:
/// every row names its phase, its input, its step and the phases it may lead to. The engine refuses
/// to end a turn anywhere else, and refuses to let a confirmed action go unless the row's step
/// completes or cancels it with words (<see cref="RuleFor"/>). Pure and total; docs/architecture.md
/// shows it and its diagram, and tests keep them the same.
/// </summary>
public static class ConversationTable
{
    // Where a step may end, named once. Idle is where a refusal (no link, bank down) leaves it.
    private static readonly Phase[] ToIdle = [Phase.Idle];
    // OfferPinSetup: a PIN was needed and none is set up (PinGate offers set-up).
    private static readonly Phase[] Collected = [Phase.Collecting, Phase.Choosing, Phase.ConfirmRepeat, Phase.ReadBack, Phase.Idle, Phase.PinForAccountLookup, Phase.ChoosingAccount, Phase.OfferPinSetup];
    private static readonly Phase[] Asked = [Phase.PinForAccounts, Phase.Listing, Phase.Idle, Phase.OfferPinSetup];
    private static readonly Phase[] ToForget = [Phase.ConfirmForget];
    private static readonly Phase[] Confirmed = [Phase.PinForPayment, Phase.Collecting, Phase.Idle, Phase.OfferPinSetup];

    // A move asks for the PIN before any account, or offers set-up when there is none.
    private static readonly Phase[] Moving = [Phase.CollectingMove, Phase.PinForMove, Phase.ReadBack, Phase.Idle, Phase.OfferPinSetup];

    // The voice PIN's set-up, change and reset.
    private static readonly Phase[] Changing = [Phase.PinForChange, Phase.ChoosePin, Phase.OfferPinSetup, Phase.Idle];
    private static readonly Phase[] CodeSent = [Phase.CodeForPin, Phase.Idle];
    private static readonly Phase[] CodeChecked = [Phase.ChoosePin, Phase.CodeForPin, Phase.OfferPinSetup, Phase.Idle];

    private static readonly Transition[] Rows =
    [
        Row(Phase.Idle, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.Idle, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.Idle, Input.Yes, Step.NothingToConfirm, ToIdle),
        Row(Phase.Idle, Input.No, Step.Goodbye, ToIdle),
        Row(Phase.Idle, Input.Repeat, Step.RepeatLast, ToIdle),
        Row(Phase.Idle, Input.Help, Step.Help, ToIdle),
        Row(Phase.Idle, Input.Fallback, Step.Fallback, ToIdle),
        Row(Phase.Idle, Input.Cancel, Step.Goodbye, ToIdle),
        Row(Phase.Idle, Input.Pin, Step.NothingWaitingForPin, ToIdle),
        Row(Phase.Idle, Input.AccountQuestion, Step.AskAccounts, Asked),
        Row(Phase.Idle, Input.ForgetMe, Step.ReadBackForget, ToForget),

        Row(Phase.Collecting, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.Collecting, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.Collecting, Input.Yes, Step.AskAgain, Collected),
        Row(Phase.Collecting, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.Collecting, Input.Repeat, Step.AskAgain, Collected),
        Row(Phase.Collecting, Input.Help, Step.HelpCollecting, Collected),
        Row(Phase.Collecting, Input.Fallback, Step.AskAgain, Collected),
        Row(Phase.Collecting, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.Collecting, Input.Pin, Step.AskAgain, Collected),
        Row(Phase.Collecting, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.Collecting, Input.ForgetMe, Step.CancelPaymentThen, ToForget),

        Row(Phase.Choosing, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.Choosing, Input.SendMoney, Step.Choose, Collected),
        Row(Phase.Choosing, Input.Yes, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.Choosing, Input.No, Step.AskPayee, [Phase.Collecting]),
        Row(Phase.Choosing, Input.Repeat, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.Choosing, Input.Help, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.Choosing, Input.Fallback, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.Choosing, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.Choosing, Input.Pin, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.Choosing, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.Choosing, Input.ForgetMe, Step.CancelPaymentThen, ToForget),

        Row(Phase.ReadBack, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.ReadBack, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.ReadBack, Input.Yes, Step.Confirm, Confirmed),
        Row(Phase.ReadBack, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.ReadBack, Input.Repeat, Step.ReadBackAgain, [Phase.ReadBack]),
        Row(Phase.ReadBack, Input.Help, Step.HelpReadBack, [Phase.ReadBack]),
        Row(Phase.ReadBack, Input.Fallback, Step.ReadBackAgain, [Phase.ReadBack]),
        Row(Phase.ReadBack, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.ReadBack, Input.Pin, Step.ConfirmFirst, [Phase.ReadBack]),
        Row(Phase.ReadBack, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.ReadBack, Input.ForgetMe, Step.CancelPaymentThen, ToForget),

        // "You sent $41.85 to Mary Johnson a minute ago. Send another?"
        Row(Phase.ConfirmRepeat, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.ConfirmRepeat, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.ConfirmRepeat, Input.Yes, Step.ReadBackRepeat, [Phase.ReadBack]),
        Row(Phase.ConfirmRepeat, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.ConfirmRepeat, Input.Repeat, Step.AskRepeatAgain, [Phase.ConfirmRepeat]),
        Row(Phase.ConfirmRepeat, Input.Help, Step.AskRepeatAgain, [Phase.ConfirmRepeat]),
        Row(Phase.ConfirmRepeat, Input.Fallback, Step.AskRepeatAgain, [Phase.ConfirmRepeat]),
        Row(Phase.ConfirmRepeat, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.ConfirmRepeat, Input.Pin, Step.AskRepeatAgain, [Phase.ConfirmRepeat]),
        Row(Phase.ConfirmRepeat, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.ConfirmRepeat, Input.ForgetMe, Step.CancelPaymentThen, ToForget),

        // A confirmed payment waits for its PIN: every row keeps it, completes it, or cancels it with words.
        Row(Phase.PinForPayment, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.PinForPayment, Input.SendMoney, Step.CancelPaymentThen, Collected),
        Row(Phase.PinForPayment, Input.Yes, Step.AskPinAgain, [Phase.PinForPayment]),
        Row(Phase.PinForPayment, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.PinForPayment, Input.Repeat, Step.AskPinAgain, [Phase.PinForPayment]),
        Row(Phase.PinForPayment, Input.Help, Step.HelpPin, [Phase.PinForPayment]),
        Row(Phase.PinForPayment, Input.Fallback, Step.AskPinAgain, [Phase.PinForPayment]),
        Row(Phase.PinForPayment, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.PinForPayment, Input.Pin, Step.CheckPin, [Phase.PinForPayment, Phase.Collecting, Phase.Idle]),
        Row(Phase.PinForPayment, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForPayment, Input.ForgetMe, Step.CancelPaymentThen, ToForget),

        Row(Phase.PinForAccounts, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.PinForAccounts, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.PinForAccounts, Input.Yes, Step.AskPinAgain, [Phase.PinForAccounts]),
        Row(Phase.PinForAccounts, Input.No, Step.Nevermind, ToIdle),
        Row(Phase.PinForAccounts, Input.Repeat, Step.AskPinAgain, [Phase.PinForAccounts]),
        Row(Phase.PinForAccounts, Input.Help, Step.HelpPin, [Phase.PinForAccounts]),
        Row(Phase.PinForAccounts, Input.Fallback, Step.AskPinAgain, [Phase.PinForAccounts]),
        Row(Phase.PinForAccounts, Input.Cancel, Step.Goodbye, ToIdle),
        Row(Phase.PinForAccounts, Input.Pin, Step.CheckPin, Asked),
        Row(Phase.PinForAccounts, Input.AccountQuestion, Step.AskAccounts, Asked),
        Row(Phase.PinForAccounts, Input.ForgetMe, Step.ReadBackForget, ToForget),

        Row(Phase.ConfirmForget, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.ConfirmForget, Input.SendMoney, Step.KeepDataThen, Collected),
        Row(Phase.ConfirmForget, Input.Yes, Step.ConfirmForget, [Phase.PinForForget, Phase.Idle, Phase.OfferPinSetup]),
        Row(Phase.ConfirmForget, Input.No, Step.KeepData, ToIdle),
        Row(Phase.ConfirmForget, Input.Repeat, Step.ReadBackForgetAgain, ToForget),
        Row(Phase.ConfirmForget, Input.Help, Step.ReadBackForgetAgain, ToForget),
        Row(Phase.ConfirmForget, Input.Fallback, Step.ReadBackForgetAgain, ToForget),
        Row(Phase.ConfirmForget, Input.Cancel, Step.KeepDataAndEnd, ToIdle),
        Row(Phase.ConfirmForget, Input.Pin, Step.ReadBackForgetAgain, ToForget),
        Row(Phase.ConfirmForget, Input.AccountQuestion, Step.KeepDataThen, Asked),
        Row(Phase.ConfirmForget, Input.ForgetMe, Step.ReadBackForgetAgain, ToForget),

        // Deleting was confirmed and waits for its PIN: kept, completed, or cancelled with words.
        Row(Phase.PinForForget, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.PinForForget, Input.SendMoney, Step.KeepDataThen, Collected),
        Row(Phase.PinForForget, Input.Yes, Step.AskPinAgain, [Phase.PinForForget]),
        Row(Phase.PinForForget, Input.No, Step.KeepData, ToIdle),
        Row(Phase.PinForForget, Input.Repeat, Step.AskPinAgain, [Phase.PinForForget]),
        Row(Phase.PinForForget, Input.Help, Step.HelpPin, [Phase.PinForForget]),
        Row(Phase.PinForForget, Input.Fallback, Step.AskPinAgain, [Phase.PinForForget]),
        Row(Phase.PinForForget, Input.Cancel, Step.KeepDataAndEnd, ToIdle),
        Row(Phase.PinForForget, Input.Pin, Step.CheckPin, [Phase.PinForForget, Phase.Idle]),
        Row(Phase.PinForForget, Input.AccountQuestion, Step.KeepDataThen, Asked),
        Row(Phase.PinForForget, Input.ForgetMe, Step.AskPinAgain, [Phase.PinForForget]),

        // "Want to hear more?" after three transactions or alerts.
        Row(Phase.Listing, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.Listing, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.Listing, Input.Yes, Step.MoreItems, [Phase.Listing, Phase.Idle]),
        Row(Phase.Listing, Input.No, Step.Nevermind, ToIdle),
        Row(Phase.Listing, Input.Repeat, Step.RepeatLast, [Phase.Listing]),
        Row(Phase.Listing, Input.Help, Step.Help, ToIdle),
        Row(Phase.Listing, Input.Fallback, Step.Fallback, ToIdle),
        Row(Phase.Listing, Input.Cancel, Step.Goodbye, ToIdle),
        Row(Phase.Listing, Input.Pin, Step.NothingWaitingForPin, ToIdle),
        Row(Phase.Listing, Input.AccountQuestion, Step.AskAccounts, Asked),
        Row(Phase.Listing, Input.ForgetMe, Step.ReadBackForget, ToForget),

        Row(Phase.Sending, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.Sending, Input.SendMoney, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Yes, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.No, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Repeat, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Help, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Fallback, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Cancel, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.Pin, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.AccountQuestion, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.Sending, Input.ForgetMe, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),

        // Spending questions (issue 19 item 2): as an account question in every phase. What waits is cancelled with
        // words first (a payment, "forget me"), a question waiting for the PIN or a list being read is replaced.
        Row(Phase.Idle, Input.SpendingQuestion, Step.AskSpending, Asked),
        Row(Phase.Collecting, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.Choosing, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.ReadBack, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.ConfirmRepeat, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForPayment, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForAccounts, Input.SpendingQuestion, Step.AskSpending, Asked),
        Row(Phase.ConfirmForget, Input.SpendingQuestion, Step.KeepDataThen, Asked),
        Row(Phase.PinForForget, Input.SpendingQuestion, Step.KeepDataThen, Asked),
        Row(Phase.Listing, Input.SpendingQuestion, Step.AskSpending, Asked),
        Row(Phase.Sending, Input.SpendingQuestion, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),

        // Accounts by name or last four (issue 19, item 1). A payment that names its account waits for the PIN before
        // the account is looked up and the payment read back; no confirmed action exists yet, so a cancel drops a draft.
        Row(Phase.PinForAccountLookup, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.PinForAccountLookup, Input.SendMoney, Step.Collect, Collected),
        Row(Phase.PinForAccountLookup, Input.Yes, Step.AskPinAgain, [Phase.PinForAccountLookup]),
        Row(Phase.PinForAccountLookup, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.PinForAccountLookup, Input.Repeat, Step.AskPinAgain, [Phase.PinForAccountLookup]),
        Row(Phase.PinForAccountLookup, Input.Help, Step.HelpPin, [Phase.PinForAccountLookup]),
        Row(Phase.PinForAccountLookup, Input.Fallback, Step.AskPinAgain, [Phase.PinForAccountLookup]),
        Row(Phase.PinForAccountLookup, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.PinForAccountLookup, Input.Pin, Step.CheckPin, [.. Collected]),
        Row(Phase.PinForAccountLookup, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForAccountLookup, Input.ForgetMe, Step.CancelPaymentThen, ToForget),
        Row(Phase.PinForAccountLookup, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),

        // "Which account should I pay from: …?" (after the PIN). Four digits said here are an account's, never compared as a PIN.
        Row(Phase.ChoosingAccount, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.ChoosingAccount, Input.SendMoney, Step.ChooseAccount, Collected),
        Row(Phase.ChoosingAccount, Input.Yes, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.ChoosingAccount, Input.Repeat, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.Help, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.Fallback, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.ChoosingAccount, Input.Pin, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.ChoosingAccount, Input.ForgetMe, Step.CancelPaymentThen, ToForget),
        Row(Phase.ChoosingAccount, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),

        // The voice PIN a person sets up (issue 19 item 4; PinSetupFlow). A code said where none is awaited is answered
        // as a stray PIN would be, and where a PIN is awaited the PIN is asked for again (never compared); "change my PIN" and "I forgot my PIN" are new
        // requests: what waits is cancelled with words first, a question or list is replaced.
        Row(Phase.Idle, Input.Code, Step.NothingWaitingForPin, ToIdle),
        Row(Phase.Collecting, Input.Code, Step.AskAgain, Collected),
        Row(Phase.Choosing, Input.Code, Step.ChooseAgain, [Phase.Choosing]),
        Row(Phase.ReadBack, Input.Code, Step.ConfirmFirst, [Phase.ReadBack]),
        Row(Phase.ConfirmRepeat, Input.Code, Step.AskRepeatAgain, [Phase.ConfirmRepeat]),
        Row(Phase.PinForPayment, Input.Code, Step.AskPinAgain, [Phase.PinForPayment]),
        Row(Phase.PinForAccounts, Input.Code, Step.AskPinAgain, [Phase.PinForAccounts]),
        Row(Phase.ConfirmForget, Input.Code, Step.ReadBackForgetAgain, ToForget),
        Row(Phase.PinForForget, Input.Code, Step.AskPinAgain, [Phase.PinForForget]),
        Row(Phase.Listing, Input.Code, Step.NothingWaitingForPin, ToIdle),
        Row(Phase.Sending, Input.Code, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),

        Row(Phase.Idle, Input.ChangePin, Step.ChangePin, Changing),
        Row(Phase.Collecting, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.Choosing, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.ReadBack, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.ConfirmRepeat, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.PinForPayment, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.PinForAccounts, Input.ChangePin, Step.ChangePin, Changing),
        Row(Phase.ConfirmForget, Input.ChangePin, Step.KeepDataThen, Changing),
        Row(Phase.PinForForget, Input.ChangePin, Step.KeepDataThen, Changing),
        Row(Phase.Listing, Input.ChangePin, Step.ChangePin, Changing),
        Row(Phase.Sending, Input.ChangePin, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),

        Row(Phase.Idle, Input.ForgotPin, Step.ForgotPin, CodeSent),
        Row(Phase.Collecting, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.Choosing, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.ReadBack, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.ConfirmRepeat, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.PinForPayment, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.PinForAccounts, Input.ForgotPin, Step.ForgotPin, CodeSent),
        Row(Phase.ConfirmForget, Input.ForgotPin, Step.KeepDataThen, CodeSent),
        Row(Phase.PinForForget, Input.ForgotPin, Step.KeepDataThen, CodeSent),
        Row(Phase.Listing, Input.ForgotPin, Step.ForgotPin, CodeSent),
        Row(Phase.Sending, Input.ForgotPin, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.PinForAccountLookup, Input.Code, Step.AskPinAgain, [Phase.PinForAccountLookup]),
        Row(Phase.PinForAccountLookup, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.PinForAccountLookup, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.ChoosingAccount, Input.Code, Step.ChooseAccountAgain, [Phase.ChoosingAccount]),
        Row(Phase.ChoosingAccount, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.ChoosingAccount, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),

        // "You haven't set up a voice PIN yet. Shall I text a code to your phone?" Nothing waits: a new request replaces it.
        .. SetupRows(Phase.OfferPinSetup, yes: Step.SendCode, no: Step.DeclinePinSetup, then: null, pin: Step.AskSetupAgain, code: Step.AskSetupAgain, changePin: Step.ChangePin, forgotPin: Step.ForgotPin, pinTo: [Phase.OfferPinSetup], codeTo: [Phase.OfferPinSetup], yesTo: CodeSent),

        // Waiting for the code, the new PIN, the new PIN again, or the current PIN (a change).
        .. SetupRows(Phase.CodeForPin, yes: Step.AskSetupAgain, no: Step.StopPinSetup, then: Step.StopPinSetupThen, pin: Step.AskSetupAgain, code: Step.CheckCode, changePin: Step.AskSetupAgain, forgotPin: Step.ForgotPin, pinTo: [Phase.CodeForPin], codeTo: CodeChecked, yesTo: [Phase.CodeForPin]),
        .. SetupRows(Phase.ChoosePin, yes: Step.AskSetupAgain, no: Step.StopPinSetup, then: Step.StopPinSetupThen, pin: Step.TakeNewPin, code: Step.AskSetupAgain, changePin: Step.AskSetupAgain, forgotPin: Step.AskSetupAgain, pinTo: [Phase.RepeatPin, Phase.ChoosePin, Phase.Idle], codeTo: [Phase.ChoosePin], yesTo: [Phase.ChoosePin]),
        .. SetupRows(Phase.RepeatPin, yes: Step.AskSetupAgain, no: Step.StopPinSetup, then: Step.StopPinSetupThen, pin: Step.ConfirmNewPin, code: Step.AskSetupAgain, changePin: Step.AskSetupAgain, forgotPin: Step.AskSetupAgain, pinTo: [Phase.Idle, Phase.ChoosePin, Phase.RepeatPin], codeTo: [Phase.RepeatPin], yesTo: [Phase.RepeatPin]),
        .. SetupRows(Phase.PinForChange, yes: Step.AskSetupAgain, no: Step.StopPinSetup, then: Step.StopPinSetupThen, pin: Step.CheckOldPin, code: Step.AskSetupAgain, changePin: Step.AskSetupAgain, forgotPin: Step.ForgotPin, pinTo: [Phase.ChoosePin, Phase.PinForChange, Phase.Idle], codeTo: [Phase.PinForChange], yesTo: [Phase.PinForChange]),

        // Moves between the person's own accounts (issue 19, item 3). A move is gathered (amount, PIN, then both accounts)
        // and becomes a pending transfer read back in ReadBack: from there on it is a payment's yes, PIN, journal and outcome.
        // A move said while a payment or "forget me" waits cancels that with words first; an answer waiting for the PIN
        // or a list being read is replaced, as for a payment. At a read-back a move's words change the move read back
        // ("make it thirty dollars" is heard as the move's, ConversationInputs), or cancel the payment read back first.
        Row(Phase.Idle, Input.MoveMoney, Step.CollectMove, Moving),
        Row(Phase.Collecting, Input.MoveMoney, Step.CancelPaymentThen, Moving),
        Row(Phase.Choosing, Input.MoveMoney, Step.CancelPaymentThen, Moving),
        Row(Phase.ReadBack, Input.MoveMoney, Step.ChangeMove, Moving),
        Row(Phase.PinForPayment, Input.MoveMoney, Step.CancelPaymentThen, Moving),
        Row(Phase.ConfirmRepeat, Input.MoveMoney, Step.CancelPaymentThen, Moving),
        Row(Phase.PinForAccounts, Input.MoveMoney, Step.CollectMove, Moving),
        Row(Phase.ConfirmForget, Input.MoveMoney, Step.KeepDataThen, Moving),
        Row(Phase.PinForForget, Input.MoveMoney, Step.KeepDataThen, Moving),
        Row(Phase.Listing, Input.MoveMoney, Step.CollectMove, Moving),
        Row(Phase.Sending, Input.MoveMoney, Step.ReportOutcome, [Phase.Idle, Phase.Collecting]),
        Row(Phase.PinForAccountLookup, Input.MoveMoney, Step.CancelPaymentThen, Moving),
        Row(Phase.ChoosingAccount, Input.MoveMoney, Step.CancelPaymentThen, Moving),

        // The move waits for the PIN before any account is looked up; nothing is confirmed yet, so a cancel drops a draft.
        Row(Phase.PinForMove, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.PinForMove, Input.SendMoney, Step.CancelPaymentThen, Collected),
        Row(Phase.PinForMove, Input.Yes, Step.AskPinAgain, [Phase.PinForMove]),
        Row(Phase.PinForMove, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.PinForMove, Input.Repeat, Step.AskPinAgain, [Phase.PinForMove]),
        Row(Phase.PinForMove, Input.Help, Step.HelpPin, [Phase.PinForMove]),
        Row(Phase.PinForMove, Input.Fallback, Step.AskPinAgain, [Phase.PinForMove]),
        Row(Phase.PinForMove, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.PinForMove, Input.Pin, Step.CheckPin, Moving),
        Row(Phase.PinForMove, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForMove, Input.ForgetMe, Step.CancelPaymentThen, ToForget),
        Row(Phase.PinForMove, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.PinForMove, Input.MoveMoney, Step.CollectMove, Moving),

        // "How much would you like to move?" / "Which account should I move the money from: …?" Four digits said here
        // answer the question (an account's last four), never compared as a PIN.
        Row(Phase.CollectingMove, Input.Launch, Step.Welcome, ToIdle),
        Row(Phase.CollectingMove, Input.SendMoney, Step.CancelPaymentThen, Collected),
        Row(Phase.CollectingMove, Input.Yes, Step.AskMoveAgain, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.No, Step.CancelPayment, ToIdle),
        Row(Phase.CollectingMove, Input.Repeat, Step.AskMoveAgain, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.Help, Step.HelpMove, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.Fallback, Step.AskMoveAgain, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.Cancel, Step.CancelPaymentAndEnd, ToIdle),
        Row(Phase.CollectingMove, Input.Pin, Step.AskMoveAgain, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.AccountQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.CollectingMove, Input.ForgetMe, Step.CancelPaymentThen, ToForget),
        Row(Phase.CollectingMove, Input.SpendingQuestion, Step.CancelPaymentThen, Asked),
        Row(Phase.CollectingMove, Input.MoveMoney, Step.CollectMove, Moving),

        // A PIN set-up request while a move is gathered cancels the move with words first; a code said there is asked
        // again (never compared).
        Row(Phase.PinForMove, Input.Code, Step.AskPinAgain, [Phase.PinForMove]),
        Row(Phase.PinForMove, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.PinForMove, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
        Row(Phase.CollectingMove, Input.Code, Step.AskMoveAgain, [Phase.CollectingMove]),
        Row(Phase.CollectingMove, Input.ChangePin, Step.CancelPaymentThen, Changing),
        Row(Phase.CollectingMove, Input.ForgotPin, Step.CancelPaymentThen, CodeSent),
    ];

    private static readonly FrozenDictionary<(Phase, Input), Transition> Table = Rows.ToFrozenDictionary(r => (r.From, r.On));

    public static IReadOnlyList<Transition> All => Rows;

    public static Transition Find(Phase phase, Input input) => Table[(phase, input)];

    public static Step Next(Phase phase, Input input) => Find(phase, input).Step;

    /// <summary>A payment or "forget me" that the person confirmed and that waits for the PIN.</summary>
    public static bool HoldsConfirmedAction(Phase phase) => phase is Phase.PinForPayment or Phase.PinForForget;

    /// <summary>Steps that run the Idle row's step for the same input after their own words.</summary>
    public static bool IsThen(Step step) => step is Step.CancelPaymentThen or Step.KeepDataThen or Step.StopPinSetupThen;

    /// <summary>What <paramref name="step"/> may do with a confirmed action; null: it must never meet one.</summary>
    public static ConfirmedActionRule? RuleFor(Step step) => step switch
    {
        Step.AskPinAgain or Step.HelpPin => ConfirmedActionRule.Keeps,
        Step.CheckPin or Step.ReportOutcome => ConfirmedActionRule.Completes,

        // Welcome starts a new session: it speaks of an action an earlier session left waiting, and drops it.
        Step.CancelPayment or Step.CancelPaymentAndEnd or Step.CancelPaymentThen
            or Step.KeepData or Step.KeepDataAndEnd or Step.KeepDataThen or Step.Welcome => ConfirmedActionRule.CancelsWithWords,
        _ => null,
    };

    /// <summary>The table as Markdown (cells: step → destinations), for docs/architecture.md.</summary>
    public static string ToMarkdown()
    {
        var inputs = Enum.GetValues<Input>();
        var lines = new List<string>
        {
            "| phase \\ input | " + string.Join(" | ", inputs) + " |",
            "| --- |" + string.Concat(Enumerable.Repeat(" --- |", inputs.Length)),
        };
        foreach (var phase in Enum.GetValues<Phase>())
        {
            lines.Add($"| **{phase}** | " + string.Join(" | ", inputs.Select(i => Find(phase, i)).Select(r => $"{r.Step} → {string.Join("/", r.To)}")) + " |");
        }

        return string.Join('\n', lines);
    }

    /// <summary>The table as a Mermaid state diagram: one arrow per (phase, destination), labelled with its steps.</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n    [*] --> Idle\n");
        var arrows = Rows
            .Where(r => r.On != Input.Launch || r.From == Phase.Idle)
            .SelectMany(r => r.To.Select(to => (r.From, To: to, r.Step)))
            .GroupBy(a => (a.From, a.To))
            .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To);
        foreach (var arrow in arrows)
        {
            text.Append("    ").Append(arrow.Key.From).Append(" --> ").Append(arrow.Key.To).Append(" : ")
                .AppendJoin(", ", arrow.Select(a => a.Step).Distinct().Order())
                .Append('\n');
        }

        return text.ToString();
    }

    private static Transition Row(Phase from, Input on, Step step, Phase[] to) => new(from, on, step, to);

    /// <summary>
    /// A set-up phase's rows, one per input. Launch welcomes; help explains; cancel stops; the requests that are not about
    /// the PIN stop set-up with words (<paramref name="then"/>) or, where nothing is under way yet (null), replace it.
    /// </summary>
    private static Transition[] SetupRows(Phase phase, Step yes, Step no, Step? then, Step pin, Step code, Step changePin, Step forgotPin, Phase[] pinTo, Phase[] codeTo, Phase[] yesTo)
    {
        Phase[] here = [phase];
        var stop = then is null ? Step.Goodbye : Step.StopPinSetupAndEnd;
        Transition Other(Input on, Step idleStep, Phase[] idleTo) => Row(phase, on, then ?? idleStep, idleTo);
        return
        [
            Row(phase, Input.Launch, Step.Welcome, ToIdle),
            Other(Input.SendMoney, Step.Collect, Collected),
            Row(phase, Input.Yes, yes, yesTo),
            Row(phase, Input.No, no, ToIdle),
            Row(phase, Input.Repeat, Step.AskSetupAgain, here),
            Row(phase, Input.Help, Step.HelpPinSetup, here),
            Row(phase, Input.Fallback, Step.AskSetupAgain, here),
            Row(phase, Input.Cancel, stop, ToIdle),
            Row(phase, Input.Pin, pin, pinTo),
            Other(Input.AccountQuestion, Step.AskAccounts, Asked),
            Other(Input.ForgetMe, Step.ReadBackForget, ToForget),
            Other(Input.SpendingQuestion, Step.AskSpending, Asked),
            Other(Input.MoveMoney, Step.CollectMove, Moving),
            Row(phase, Input.Code, code, codeTo),
            Row(phase, Input.ChangePin, changePin, changePin == Step.ChangePin ? Changing : here),
            Row(phase, Input.ForgotPin, forgotPin, forgotPin == Step.ForgotPin ? CodeSent : here),
        ];
    }
}
