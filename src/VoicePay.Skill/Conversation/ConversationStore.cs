using System.Text.Json;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Conversation;

/// <summary>Loads and saves <see cref="ConversationState"/> for one person and session.</summary>
public sealed class ConversationStore(IUserStateStore store, TimeProvider time)
{
    // Alexa sessions end after a few minutes of silence; an hour is a generous upper bound.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task<ConversationState> LoadAsync(string userId, string? sessionId, CancellationToken cancellationToken)
    {
        if (!IsSession(sessionId))
        {
            return new ConversationState();
        }

        var json = await store.GetConversationAsync(userId, sessionId!, cancellationToken);
        return json is null
            ? new ConversationState()
            : JsonSerializer.Deserialize(json, ConversationJsonContext.Default.ConversationState) ?? new ConversationState();
    }

    public Task SaveAsync(string userId, string? sessionId, ConversationState state, CancellationToken cancellationToken) =>
        !IsSession(sessionId)
            ? Task.CompletedTask
            : store.SaveConversationAsync(
                userId,
                sessionId!,
                JsonSerializer.Serialize(state, ConversationJsonContext.Default.ConversationState),
                time.GetUtcNow() + Lifetime,
                cancellationToken);

    /// <summary>Deletes the session's state (the session ended): a later request naming it starts afresh.</summary>
    public Task DeleteAsync(string userId, string? sessionId, CancellationToken cancellationToken) =>
        !IsSession(sessionId) ? Task.CompletedTask : store.DeleteConversationAsync(userId, sessionId!, cancellationToken);

    // The store keeps per-person records under reserved keys beside sessions; no request may name one.
    private static bool IsSession(string? sessionId) =>
        !string.IsNullOrEmpty(sessionId) && sessionId is not (ConfirmedActions.SessionKey or Transfers.LegacyUnresolvedTransfer.SessionKey);
}

/// <summary>
/// The confirmed action (payment or "forget me" waiting for its PIN) kept under the person, beside
/// the session: a session that ends before the PIN must not lose it without a word, so the next
/// launch finds it here, cancels it and says so.
/// </summary>
public sealed class ConfirmedActions(IUserStateStore store, TimeProvider time)
{
    public const string SessionKey = "confirmed-action";

    // Long enough that the person hears of it at their next launch; deleted with "forget me" like any conversation.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<ConfirmedAction?> FindAsync(string userId, CancellationToken cancellationToken) =>
        await store.GetConversationAsync(userId, SessionKey, cancellationToken) is { } json
            ? JsonSerializer.Deserialize(json, ConversationJsonContext.Default.ConfirmedAction)
            : null;

    public Task KeepAsync(string userId, ConfirmedAction action, CancellationToken cancellationToken) =>
        store.SaveConversationAsync(userId, SessionKey, JsonSerializer.Serialize(action, ConversationJsonContext.Default.ConfirmedAction), time.GetUtcNow() + Lifetime, cancellationToken);

    public Task DropAsync(string userId, CancellationToken cancellationToken) =>
        store.DeleteConversationAsync(userId, SessionKey, cancellationToken);
}
