namespace VoicePay.Skill.Conversation;

/// <summary>The intents in skill-package/interactionModels; a test keeps the two in step.</summary>
public static class IntentNames
{
    public const string CheckBalance = "CheckBalanceIntent";
    public const string RecentTransactions = "RecentTransactionsIntent";
    public const string SendMoney = "SendMoneyIntent";
    public const string Pin = "PinIntent";
    public const string ReadAlerts = "ReadAlertsIntent";
    public const string ForgetMe = "ForgetMeIntent";

    /// <summary>"How much did I spend at Starbucks last month?", "what did I spend this week?"</summary>
    public const string Spending = "SpendingIntent";

    /// <summary>"How much did I get from Acme Payroll in November?"</summary>
    public const string MoneyIn = "MoneyInIntent";

    /// <summary>"Did my rent payment go through?", "when did I last pay Mary?"</summary>
    public const string LastPayment = "LastPaymentIntent";

    /// <summary>"What accounts do I have?"</summary>
    public const string ListAccounts = "ListAccountsIntent";

    /// <summary>A six-digit code from a text message (issue 19 item 4).</summary>
    public const string Code = "CodeIntent";

    /// <summary>"Change my PIN", "set up my voice PIN".</summary>
    public const string ChangePin = "ChangePinIntent";

    /// <summary>"I forgot my PIN", "send me a new code".</summary>
    public const string ForgotPin = "ForgotPinIntent";

    /// <summary>"Move a hundred dollars from savings to checking": a transfer between the person's own accounts.</summary>
    public const string MoveMoney = "MoveMoneyIntent";

    public const string Yes = "AMAZON.YesIntent";
    public const string No = "AMAZON.NoIntent";
    public const string Repeat = "AMAZON.RepeatIntent";
    public const string Help = "AMAZON.HelpIntent";
    public const string Stop = "AMAZON.StopIntent";
    public const string Cancel = "AMAZON.CancelIntent";
    public const string Fallback = "AMAZON.FallbackIntent";
    public const string NavigateHome = "AMAZON.NavigateHomeIntent";
}

/// <summary>Slot names as declared in the interaction model.</summary>
public static class SlotNames
{
    /// <summary>CheckBalanceIntent and SendMoneyIntent: checking, savings or all (custom type ACCOUNT_TYPE).</summary>
    public const string Account = "Account";

    /// <summary>RecentTransactionsIntent: how many (AMAZON.NUMBER).</summary>
    public const string Count = "Count";

    /// <summary>SendMoneyIntent: whole dollars or pounds (AMAZON.NUMBER).</summary>
    public const string Amount = "Amount";

    /// <summary>SendMoneyIntent: cents or pence, optional (AMAZON.NUMBER).</summary>
    public const string Cents = "Cents";

    /// <summary>SendMoneyIntent: who to pay (custom type PAYEE, extended per person with dynamic entities).</summary>
    public const string Payee = "Payee";

    /// <summary>PinIntent: the four-digit voice PIN (AMAZON.FOUR_DIGIT_NUMBER). A secret.</summary>
    public const string Pin = "Pin";

    /// <summary>CodeIntent: the six-digit code (AMAZON.NUMBER).</summary>
    public const string Code = "Code";

    /// <summary>The spending questions: a merchant, biller or payee (custom type MERCHANT; a payee's name is matched to the person's payees).</summary>
    public const string Merchant = "Merchant";

    /// <summary>"When did I last pay Mary?": a person paid (AMAZON.Person), matched to the person's payees as a merchant is.</summary>
    public const string Person = "Person";

    /// <summary>The spending questions: when (AMAZON.DATE, resolved by Alexa: "2026-11", "2026-W48", "PRESENT_REF").</summary>
    public const string Date = "Date";

    /// <summary>CheckBalanceIntent and SendMoneyIntent: an account by its name ("vacation savings"; custom type ACCOUNT_NAME).</summary>
    public const string AccountName = "AccountName";

    /// <summary>CheckBalanceIntent and SendMoneyIntent: an account by its last four digits (AMAZON.FOUR_DIGIT_NUMBER).</summary>
    public const string LastFour = "LastFour";

    // MoveMoneyIntent: the amount (own names: its samples, "{MoveAmount} dollars", must differ from SendMoneyIntent's), and
    // the account the money leaves and the one it goes to, each by kind, name or last four.
    public const string MoveAmount = "MoveAmount";
    public const string MoveCents = "MoveCents";
    public const string FromAccount = "FromAccount";
    public const string FromAccountName = "FromAccountName";
    public const string FromLastFour = "FromLastFour";
    public const string ToAccount = "ToAccount";
    public const string ToAccountName = "ToAccountName";
    public const string ToLastFour = "ToLastFour";
}

/// <summary>Custom slot types in the interaction model.</summary>
public static class SlotTypeNames
{
    public const string AccountType = "ACCOUNT_TYPE";
    public const string Payee = "PAYEE";
    public const string Merchant = "MERCHANT";

    public const string AccountName = "ACCOUNT_NAME";
}
