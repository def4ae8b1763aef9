using System.Collections.Concurrent;
using VoicePay.Skill.Alerts;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// A test implementation of the alert store's link and subscription half, in memory, until the real
/// SQLite and DynamoDB adapters (written alongside) replace it in these tests. It counts link reads,
/// so tests can hold the launch path to one store read. The alert-delivery half is not needed here.
/// </summary>
internal sealed class InMemoryAlertStore : IAlertStore
{
    private readonly ConcurrentDictionary<string, AlertLink> links = new(StringComparer.Ordinal);
    private int linkReads;

    public int LinkReads => Volatile.Read(ref linkReads);

    public IReadOnlyCollection<AlertLink> Links => [.. links.Values];

    public Task LinkAsync(string userId, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        links.AddOrUpdate(userId, _ => new AlertLink(userId, customerId, false, now), (_, old) => old with { CustomerId = customerId, UpdatedAt = now });
        return Task.CompletedTask;
    }

    public Task SetSubscribedAsync(string userId, bool subscribed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        links.AddOrUpdate(userId, _ => new AlertLink(userId, null, subscribed, now), (_, old) => old with { Subscribed = subscribed, UpdatedAt = now });
        return Task.CompletedTask;
    }

    public Task<AlertLink?> GetLinkAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref linkReads);
        return Task.FromResult(links.GetValueOrDefault(userId));
    }

    public Task UnlinkAsync(string userId, CancellationToken cancellationToken)
    {
        links.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> SubscribersAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. links.Values.Where(l => l.CustomerId == customerId && l.Subscribed).Select(l => l.UserId)]);

    public Task<bool> AddAsync(UserAlert alert, CancellationToken cancellationToken) => throw NotNeeded();

    public Task<IReadOnlyList<UserAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => throw NotNeeded();

    public Task<bool> TryClaimAsync(string userId, string eventId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => throw NotNeeded();

    public Task RecordDeliveryAsync(string userId, string eventId, DeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) => throw NotNeeded();

    public Task<IReadOnlyList<UserAlert>> UnheardAsync(string userId, CancellationToken cancellationToken) => throw NotNeeded();

    public Task MarkHeardAsync(string userId, IReadOnlyCollection<string> eventIds, DateTimeOffset now, CancellationToken cancellationToken) => throw NotNeeded();

    public Task<int> CountAsync(DeliveryState state, CancellationToken cancellationToken) => throw NotNeeded();

    public Task<string?> GetCursorAsync(string feed, CancellationToken cancellationToken) => throw NotNeeded();

    public Task SaveCursorAsync(string feed, string cursor, CancellationToken cancellationToken) => throw NotNeeded();

    // Loud on purpose: a lifecycle test that reaches alert delivery is testing something else.
    private static NotSupportedException NotNeeded() => new("The lifecycle tests' in-memory alert store keeps links and subscriptions only.");
}

/// <summary>
/// A test implementation of <see cref="IPersonalData"/>: records whom it was asked to forget and removes
/// their link from <see cref="InMemoryAlertStore"/>. The real adapters delete the PIN and state too.
/// </summary>
internal sealed class InMemoryPersonalData(InMemoryAlertStore alerts) : IPersonalData
{
    private readonly ConcurrentQueue<string> forgotten = new();

    public IReadOnlyCollection<string> Forgotten => [.. forgotten];

    public async Task ForgetAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        forgotten.Enqueue(userId);
        await alerts.UnlinkAsync(userId, cancellationToken);
    }

    public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
}
