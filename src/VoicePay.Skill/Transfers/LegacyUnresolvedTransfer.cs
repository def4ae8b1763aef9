using System.Text.Json;
using System.Text.Json.Serialization;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// Before the journal, a transfer whose outcome was unknown was kept as one conversation record per
/// person under the session key <c>unresolved-transfer</c>. A deployment upgraded with such a record
/// must not lose it: it is moved into the journal, as unknown, the next time the person is seen.
/// </summary>
public sealed class LegacyUnresolvedTransfer(IUserStateStore store, ITransferJournal journal, TimeProvider time)
{
    public const string SessionKey = "unresolved-transfer";

    public async Task ImportAsync(string userId, CancellationToken cancellationToken)
    {
        if (await store.GetConversationAsync(userId, SessionKey, cancellationToken) is not { } json
            || JsonSerializer.Deserialize(json, LegacyJsonContext.Default.LegacyPendingTransfer) is not { } legacy)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entry = new JournalEntry(
            userId, legacy.IdempotencyKey, legacy.PayeeId, legacy.PayeeName, legacy.FromAccountId, legacy.FromAccountName,
            legacy.FromAccountLastFour, legacy.Amount, legacy.Currency, legacy.ReservedOn ?? DateOnly.FromDateTime(now.UtcDateTime),
            JournalState.Pending, now, now);
        await journal.BeginAsync(entry, cancellationToken);
        await journal.AdvanceAsync(userId, legacy.IdempotencyKey, JournalState.Unknown, null, null, now, cancellationToken);

        // Only once the journal holds it.
        await store.DeleteConversationAsync(userId, SessionKey, cancellationToken);
    }
}

/// <summary>The record as the old code wrote it (camelCase JSON).</summary>
public sealed record LegacyPendingTransfer(
    string IdempotencyKey,
    string PayeeId,
    string PayeeName,
    string FromAccountId,
    string FromAccountName,
    string FromAccountLastFour,
    decimal Amount,
    string Currency,
    DateOnly? ReservedOn = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LegacyPendingTransfer))]
internal sealed partial class LegacyJsonContext : JsonSerializerContext;
