using Microsoft.Extensions.Time.Testing;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every store contract sets up the same way: a fake clock, and stores opened on the test's database as
/// other processes would open them, all disposed when the test ends. Each adapter's test class says how to open one.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime
{
    private readonly List<TStore> _stores = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => CancellationToken.None;

    protected DateTimeOffset Now => Time.GetUtcNow();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            (store as IDisposable)?.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>A new store on this test's database, as another process would open it; reads <see cref="Time"/>.</summary>
    protected abstract TStore CreateStore();

    /// <summary>A new store, disposed when the test ends.</summary>
    protected TStore NewStore()
    {
        var store = CreateStore();
        _stores.Add(store);
        return store;
    }
}
