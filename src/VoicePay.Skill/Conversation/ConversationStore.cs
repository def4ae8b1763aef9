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
        if (sessionId is null)
        {
            return new ConversationState();
        }

        var json = await store.GetConversationAsync(userId, sessionId, cancellationToken);
        return json is null
            ? new ConversationState()
            : JsonSerializer.Deserialize(json, ConversationJsonContext.Default.ConversationState) ?? new ConversationState();
    }

    public Task SaveAsync(string userId, string? sessionId, ConversationState state, CancellationToken cancellationToken) =>
        sessionId is null
            ? Task.CompletedTask
            : store.SaveConversationAsync(
                userId,
                sessionId,
                JsonSerializer.Serialize(state, ConversationJsonContext.Default.ConversationState),
                time.GetUtcNow() + Lifetime,
                cancellationToken);

    /// <summary>Deletes the session's state (the session ended); nothing to do without a session.</summary>
    public Task DeleteAsync(string userId, string? sessionId, CancellationToken cancellationToken) =>
        sessionId is null ? Task.CompletedTask : store.DeleteConversationAsync(userId, sessionId, cancellationToken);
}
