using System.Text.Json.Serialization;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// What the skill remembers between turns of one session. Kept server-side in
/// <see cref="State.IUserStateStore"/>, never in session attributes: a forged request can set
/// those, and this decides whether money moves.
/// </summary>
public sealed class ConversationState
{
    public PendingTransfer? PendingTransfer { get; set; }

    /// <summary>An action waiting for the voice PIN (a transfer, a balance, transactions).</summary>
    public PendingAction? AwaitingPin { get; set; }

    /// <summary>Payee ids offered when the name was ambiguous ("Alice Smith or Alice Jones?").</summary>
    public List<string>? PayeeCandidates { get; set; }

    public DateTimeOffset? PinVerifiedAt { get; set; }
}

public enum PendingActionKind
{
    Transfer,
    Balance,
    Transactions,
}

public sealed record PendingAction(PendingActionKind Kind, string? Account = null, int? Count = null);

/// <summary>A transfer that has been read back (and maybe confirmed) but not yet sent.</summary>
public sealed record PendingTransfer(
    string IdempotencyKey,
    string PayeeId,
    string PayeeName,
    string FromAccountId,
    string FromAccountName,
    string FromAccountLastFour,
    decimal Amount,
    string Currency,
    bool Confirmed = false,
    DateOnly? ReservedOn = null)
{
    public Domain.Money Money => new(Amount, Currency);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(PendingTransfer))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;
