using System.Text.Json.Serialization;

namespace VoicePay.Skill.Conversation;

/// <summary>Where a conversation stands; <see cref="ConversationTable"/> says what every input does in each.</summary>
public enum Phase
{
    /// <summary>Nothing waits for an answer.</summary>
    Idle,

    /// <summary>A payment is being asked for and its amount or payee is missing.</summary>
    Collecting,

    /// <summary>"Did you mean Alice Jones or Alice Smith?"</summary>
    Choosing,

    /// <summary>The payment was read back; waiting for yes or no.</summary>
    ReadBack,

    /// <summary>The read-back was confirmed; waiting for the voice PIN.</summary>
    PinForPayment,

    /// <summary>"You sent $41.85 to Mary Johnson a minute ago. Send another?": waiting for yes (read back) or no (nothing sent).</summary>
    ConfirmRepeat,

    /// <summary>A balance, transactions or alerts question waits for the voice PIN.</summary>
    PinForAccounts,

    /// <summary>"Forget me" was read back ("Shall I go ahead?"); waiting for yes or no.</summary>
    ConfirmForget,

    /// <summary>Deleting was confirmed; waiting for the voice PIN.</summary>
    PinForForget,

    /// <summary>Three transactions or alerts were read and more wait: "Want to hear more?"</summary>
    Listing,

    /// <summary>
    /// Derived, never stored: the waiting transfer is already in the journal (an earlier turn sent it
    /// and its answer or its save was lost). Whatever the person says, they first hear its outcome.
    /// </summary>
    Sending,

    /// <summary>
    /// A payment names its account ("from my vacation savings", "from the account ending 4821"): which account that is,
    /// and whether there is one, is account-derived, so the PIN comes first; then it is looked up and read back.
    /// </summary>
    PinForAccountLookup,

    /// <summary>After the PIN, the account named for a payment fits several or none: "Which account should I pay from: …?"</summary>
    ChoosingAccount,

    /// <summary>"You haven't set up a voice PIN yet. Shall I text a code to your phone?": waiting for yes or no.</summary>
    OfferPinSetup,

    /// <summary>A code was texted to the phone on file: waiting for it.</summary>
    CodeForPin,

    /// <summary>The person proved who they are (the code, or the current PIN): waiting for the new four-digit PIN.</summary>
    ChoosePin,

    /// <summary>The new PIN was said once: waiting for it again.</summary>
    RepeatPin,

    /// <summary>"Change my PIN": waiting for the current PIN.</summary>
    PinForChange,

    /// <summary>
    /// A move between the person's own accounts (issue 19, item 3) waits for the PIN: which accounts are theirs, and what
    /// they are called, is account-derived, so both are looked up after it; then the move is read back.
    /// </summary>
    PinForMove,

    /// <summary>A move asks for what it lacks: the amount, or (after the PIN) which account the money leaves or goes to.</summary>
    CollectingMove,
}

/// <summary>
/// What the skill remembers between turns of one session. Kept server-side in
/// <see cref="State.IUserStateStore"/>, never in session attributes: a forged request can set
/// those, and this decides whether money moves. Changed only by <see cref="ConversationEngine"/>,
/// saved once per turn.
/// </summary>
public sealed class ConversationState
{
    public Phase Phase { get; set; }

    /// <summary>What the person has said about the payment so far, so that a correction changes one part only.</summary>
    public PaymentDraft? Draft { get; set; }

    /// <summary>Choosing: the payees offered, in the order they were spoken.</summary>
    public List<PayeeChoice>? Candidates { get; set; }

    /// <summary>ChoosingAccount: the accounts offered to pay from, in the order they were spoken.</summary>
    public List<AccountChoice>? AccountCandidates { get; set; }

    /// <summary>ConfirmRepeat, ReadBack and PinForPayment: the transfer as it will be read back. What is sent is this, never the slots of a later request.</summary>
    public PendingTransfer? Transfer { get; set; }

    /// <summary>PinForMove and CollectingMove: what the person has said about a move between their own accounts.</summary>
    public MoveDraft? Move { get; set; }

    /// <summary>PinForAccounts: the question waiting for the PIN. Listing: the list being read, and how far.</summary>
    public AccountQuestion? Question { get; set; }

    /// <summary>PinForPayment and PinForForget: what the person confirmed. It ends only by being carried out or cancelled with words.</summary>
    public ConfirmedAction? Confirmed { get; set; }

    /// <summary>What was said last, for "repeat".</summary>
    public string? LastSpeech { get; set; }

    public DateTimeOffset? PinVerifiedAt { get; set; }

    /// <summary>
    /// Whose PIN <see cref="PinVerifiedAt"/> is: the recognized person's ID, or null for the account's PIN (an unrecognized
    /// voice). A verified PIN counts for that speaker only (<see cref="PinGate.IsVerified"/>).
    /// </summary>
    public string? PinVerifiedBy { get; set; }

    /// <summary>
    /// Idempotency keys of payments whose outcome the launch told before the PIN, without amount, payee or
    /// reference: those follow the next verified PIN of the session (<see cref="WelcomeFlow.DetailAsync"/>).
    /// </summary>
    public List<string>? ToldWithoutDetails { get; set; }

    /// <summary>The set-up phases: why, the code texted, whether the person proved who they are, the new PIN as a MAC.</summary>
    public PinSetup? PinSetup { get; set; }

    /// <summary>This turn deleted what Voice Pay kept about the person: nothing is saved after it.</summary>
    [JsonIgnore]
    public bool Forgotten { get; set; }
}

/// <param name="Amount">Whole dollars or pounds as heard (AMAZON.NUMBER).</param>
/// <param name="Cents">Cents or pence as heard.</param>
/// <param name="Payee">The payee's name as heard or resolved, kept while the amount is asked for (Alexa sends back only what the skill's dialog directive carried).</param>
/// <param name="PayeeId">The payee chosen or resolved.</param>
/// <param name="Account">The paying account's kind (CHECKING, SAVINGS).</param>
/// <param name="Named">The paying account as the person named it (a name or its last four), looked up after the PIN.</param>
/// <param name="AccountId">The paying account chosen after the PIN from those offered.</param>
public sealed record PaymentDraft(string? Amount, string? Cents, string? Payee, string? PayeeId, string? Account, NamedAccount? Named = null, string? AccountId = null)
{
    /// <summary>The person chose the paying account (a kind, a name, last four, or one offered): it is looked up only after the PIN.</summary>
    [JsonIgnore]
    public bool NamesAccount => AccountId is not null || Named is not null || Account is BalanceReply.Checking or BalanceReply.Savings;
}

public sealed record PayeeChoice(string Id, string Name);

public enum AccountQuestionKind
{
    Balance,
    Transactions,

    /// <summary>The bank alerts not yet heard (always behind the PIN).</summary>
    Alerts,

    /// <summary>A spending question: totals and matching transactions (always behind the PIN).</summary>
    Spending,

    /// <summary>"What accounts do I have?": names and last four digits.</summary>
    Accounts,
}

/// <param name="Kind">What was asked.</param>
/// <param name="Account">Balance: which account kind, or all.</param>
/// <param name="Count">Transactions: how many the person asked for (null: the last ten, three at a time).</param>
/// <param name="Offset">Listing: how many items were read already.</param>
/// <param name="Spending">Spending: what was asked (kind, merchant, dates).</param>
/// <param name="Named">Balance: one account by name or last four digits.</param>
public sealed record AccountQuestion(AccountQuestionKind Kind, string? Account = null, int? Count = null, int Offset = 0, SpendingQuestion? Spending = null, NamedAccount? Named = null);

public enum ConfirmedActionKind
{
    Payment,
    Forget,
}

/// <summary>
/// A yes the person gave that waits for the PIN. Kept in the session and, under the person, beyond it
/// (<see cref="ConfirmedActions"/>): if the session ends first, the next launch says it was not done.
/// </summary>
/// <param name="Kind">A payment, or "forget me".</param>
/// <param name="SessionId">The session it was confirmed in.</param>
/// <param name="ConfirmedAt">When the person said yes.</param>
/// <param name="Transfer">For a payment: exactly what was read back and confirmed.</param>
/// <param name="PersonId">Who said yes: the recognized person, or null (an unrecognized voice). Only their own PIN finishes it.</param>
public sealed record ConfirmedAction(ConfirmedActionKind Kind, string SessionId, DateTimeOffset ConfirmedAt, PendingTransfer? Transfer = null, string? PersonId = null);

/// <summary>
/// A transfer that has been read back (and maybe confirmed) but not yet sent. <c>AccountNamed</c>: the person chose the
/// account and it was looked up after the PIN, so the read-back names it ("Vacation Savings, ending in 7710").
/// <c>To</c>: a move to another of the person's own accounts (the payee fields then hold <see cref="Transfers.TransferTarget.OwnAccount"/>
/// and the account's name); null for a payment.
/// </summary>
public sealed record PendingTransfer(
    string IdempotencyKey,
    string PayeeId,
    string PayeeName,
    string FromAccountId,
    string FromAccountName,
    string FromAccountLastFour,
    decimal Amount,
    string Currency,
    Banking.AccountType FromAccountType,
    bool AccountNamed = false,
    MoveTarget? To = null)
{
    public Domain.Money Money => new(Amount, Currency);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(ConfirmedAction))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
