using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Conversation;

public enum SpendingKind
{
    /// <summary>Money out: "how much did I spend at Starbucks last month?"</summary>
    Spent,

    /// <summary>Money in: "how much did I get from Acme Payroll in November?"</summary>
    Received,

    /// <summary>The newest payment out that matches: "did my rent payment go through?", "when did I last pay Mary?"</summary>
    LastPayment,
}

/// <summary>
/// A spending question as asked, kept while it waits for the PIN and while its matches are read three at a
/// time. The dates are what Alexa's AMAZON.DATE value named (null: the default span, <see cref="SpendingReply"/>).
/// </summary>
/// <param name="Kind">Spent, received, or the last payment.</param>
/// <param name="Merchant">The merchant, biller or payee as heard or resolved ("Starbucks", "mary"); null: everything.</param>
/// <param name="From">First day asked about (UTC calendar day).</param>
/// <param name="To">Last day asked about.</param>
/// <param name="Span">How the dates were said ("last month" is a month), for saying them back.</param>
public sealed record SpendingQuestion(SpendingKind Kind, string? Merchant, DateOnly? From = null, DateOnly? To = null, DateSpan? Span = null);
