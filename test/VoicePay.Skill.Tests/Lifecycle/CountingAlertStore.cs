using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;

namespace VoicePay.Skill.Tests.Lifecycle;

/// <summary>
/// The real registered alert store with its link reads counted, so tests can hold the launch path to one
/// store read. Everything passes through to the store the composition registers.
/// </summary>
internal sealed class CountingAlertStore(IAlertStore inner) : IAlertStore
{
    private int linkReads;

    public int LinkReads => Volatile.Read(ref linkReads);

    /// <summary>Wraps the composition's <see cref="IAlertStore"/> registration; <paramref name="created"/> gets the wrapper.</summary>
    public static void Decorate(IServiceCollection services, Action<CountingAlertStore> created)
    {
        var registration = services.Last(d => d.ServiceType == typeof(IAlertStore));
        var factory = registration.ImplementationFactory
            ?? throw new InvalidOperationException("The storage extensions register IAlertStore through a factory over the one store.");
        services.Remove(registration);
        services.AddSingleton<IAlertStore>(sp =>
        {
            var counting = new CountingAlertStore((IAlertStore)factory(sp));
            created(counting);
            return counting;
        });
    }

    public Task<AlertLink?> GetLinkAsync(string userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref linkReads);
        return inner.GetLinkAsync(userId, cancellationToken);
    }

    public Task LinkAsync(string userId, string customerId, DateTimeOffset now, CancellationToken cancellationToken) => inner.LinkAsync(userId, customerId, now, cancellationToken);

    public Task SetSubscribedAsync(string userId, bool subscribed, DateTimeOffset now, CancellationToken cancellationToken) => inner.SetSubscribedAsync(userId, subscribed, now, cancellationToken);

    public Task<bool> UnlinkAsync(string userId, DateTimeOffset notChangedAfter, CancellationToken cancellationToken) => inner.UnlinkAsync(userId, notChangedAfter, cancellationToken);

    public Task<IReadOnlyList<string>> SubscribersAsync(string customerId, CancellationToken cancellationToken) => inner.SubscribersAsync(customerId, cancellationToken);

    public Task<bool> AddAsync(UserAlert alert, CancellationToken cancellationToken) => inner.AddAsync(alert, cancellationToken);

    public Task<IReadOnlyList<UserAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => inner.DueAsync(now, limit, cancellationToken);

    public Task<bool> TryClaimAsync(string userId, string eventId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => inner.TryClaimAsync(userId, eventId, now, leaseUntil, cancellationToken);

    public Task RecordDeliveryAsync(string userId, string eventId, DeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken) => inner.RecordDeliveryAsync(userId, eventId, state, nextAttemptAt, cancellationToken);

    public Task<IReadOnlyList<UserAlert>> UnheardAsync(string userId, CancellationToken cancellationToken) => inner.UnheardAsync(userId, cancellationToken);

    public Task MarkHeardAsync(string userId, IReadOnlyCollection<string> eventIds, DateTimeOffset now, CancellationToken cancellationToken) => inner.MarkHeardAsync(userId, eventIds, now, cancellationToken);

    public Task<int> CountAsync(DeliveryState state, CancellationToken cancellationToken) => inner.CountAsync(state, cancellationToken);

    public Task<string?> GetCursorAsync(string feed, CancellationToken cancellationToken) => inner.GetCursorAsync(feed, cancellationToken);

    public Task SaveCursorAsync(string feed, string cursor, CancellationToken cancellationToken) => inner.SaveCursorAsync(feed, cursor, cancellationToken);
}
