using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// Open, configured connections for <see cref="SqliteUserStateStore"/>, and the in-process write gate.
/// </summary>
/// <remarks>
/// <para>
/// Why not Microsoft.Data.Sqlite's own pool: it never sets SQLite's busy handler, so two connections that
/// want the write lock at once get SQLITE_BUSY, and the library then retries with <c>Thread.Sleep(150)</c>
/// on a thread-pool thread until the command timeout. Under concurrent turns that made store-touching
/// turns queue behind 150 ms sleeps (p99 past a second). Here every connection is opened once with
/// <c>busy_timeout</c> and <c>synchronous=FULL</c> applied, and writers in this process take an async
/// gate first, so they queue without blocking a thread and never meet each other inside SQLite.
/// <c>busy_timeout</c> still covers other processes sharing the file (the CLI, a second host).
/// </para>
/// <para>
/// Readers do not take the gate: in WAL mode they read a snapshot while one writer commits.
/// A shared in-memory database has table-level locks that answer SQLITE_LOCKED (which no busy handler
/// waits for), so there every lease is exclusive.
/// </para>
/// </remarks>
internal sealed class SqliteConnectionPool : IDisposable
{
    // More idle connections than this are closed when returned; readers beyond it open a new one.
    private const int MaxIdle = 16;

    // How long SQLite itself waits for another process's write lock before answering SQLITE_BUSY.
    internal const int BusyTimeoutMilliseconds = 5_000;

    private readonly string _connectionString;
    private readonly bool _exclusive;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // The one connection kept at synchronous=NORMAL for relaxed writes (conversations, kept answers). Only a holder
    // of the write gate uses it, so one is enough; keeping it apart spares two PRAGMA statements on every such write.
    private RelaxedConnection? _relaxed;
    private int _idleCount;
    private volatile bool _disposed;

    /// <param name="connectionString">Opened as given except that Microsoft.Data.Sqlite's pooling is turned off.</param>
    /// <param name="exclusive">Whether every lease takes the write gate (shared in-memory databases).</param>
    public SqliteConnectionPool(string connectionString, bool exclusive)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _exclusive = exclusive;
    }

    /// <summary>
    /// A connection for one store method. <paramref name="write"/> leases hold the write gate until disposed,
    /// so at most one writer of this process is inside SQLite at a time. <paramref name="relaxed"/> write leases get the
    /// connection whose commits are <c>synchronous=NORMAL</c> (on disk at the next checkpoint or FULL commit).
    /// </summary>
    public async ValueTask<SqliteConnectionLease> RentAsync(bool write, CancellationToken cancellationToken, bool relaxed = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var gated = write || _exclusive;
        if (gated)
        {
            await _writeGate.WaitAsync(cancellationToken);
        }

        try
        {
            if (relaxed && write)
            {
                // Under the gate: nobody else touches the field now.
                var relaxedConnection = Interlocked.Exchange(ref _relaxed, null) ?? new RelaxedConnection(await OpenNewAsync(cancellationToken, synchronous: "NORMAL"));
                return new SqliteConnectionLease(this, relaxedConnection.Connection, gated, relaxedConnection);
            }

            if (_idle.TryTake(out var idle))
            {
                Interlocked.Decrement(ref _idleCount);
                return new SqliteConnectionLease(this, idle, gated);
            }

            return new SqliteConnectionLease(this, await OpenNewAsync(cancellationToken), gated);
        }
        catch
        {
            if (gated)
            {
                _writeGate.Release();
            }

            throw;
        }
    }

    /// <summary>A new connection outside the pool, configured like pooled ones (schema creation, keep-alive).</summary>
    public async Task<SqliteConnection> OpenNewAsync(CancellationToken cancellationToken, string synchronous = "FULL")
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Per connection, not stored in the file. FULL: every commit is on disk before it returns. NORMAL
            // (sync at checkpoints) would be faster, but a power loss could then roll back the last commits,
            // and among them a transfer journalled just before its bank call or a wrong PIN attempt: both
            // must survive anything once the bank or the person has acted on them.
            // secure_delete: deleted rows and freed pages are overwritten with zeros, so a forgotten person's bytes do
            // not stay readable in free space (SqliteLogScrubber then clears the log). Per connection, so on every one.
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {synchronous}; PRAGMA secure_delete = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal void Return(SqliteConnection connection, bool gated, RelaxedConnection? relaxed)
    {
        try
        {
            if (relaxed is not null)
            {
                if (_disposed || connection.State != ConnectionState.Open || Interlocked.CompareExchange(ref _relaxed, relaxed, null) is not null)
                {
                    relaxed.Dispose();
                }
                else if (_disposed && Interlocked.Exchange(ref _relaxed, null) is { } kept)
                {
                    kept.Dispose();
                }

                return;
            }

            if (!_disposed && connection.State == ConnectionState.Open && Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(connection);
                if (_disposed)
                {
                    // Disposed while we were adding: Dispose may have drained the bag before our Add.
                    DrainIdle();
                }

                return;
            }

            if (!_disposed && connection.State == ConnectionState.Open)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
        }
        finally
        {
            if (gated)
            {
                _writeGate.Release();
            }
        }
    }

    public void Dispose()
    {
        // The gate is not disposed: a lease still in use releases it when it ends.
        _disposed = true;
        DrainIdle();
        Interlocked.Exchange(ref _relaxed, null)?.Dispose();
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }
}

/// <summary>
/// One store method's use of a pooled connection: disposing it returns the connection and, for a writer,
/// releases the write gate. It offers what the store's methods call on a connection, and converts to
/// <see cref="SqliteConnection"/> for helpers that take one.
/// </summary>
internal sealed class SqliteConnectionLease : IAsyncDisposable, IDisposable
{
    private readonly SqliteConnectionPool _pool;
    private readonly bool _gated;
    private readonly RelaxedConnection? _relaxed;
    private int _returned;

    internal SqliteConnectionLease(SqliteConnectionPool pool, SqliteConnection connection, bool gated, RelaxedConnection? relaxed = null)
    {
        _pool = pool;
        Connection = connection;
        _gated = gated;
        _relaxed = relaxed;
    }

    public SqliteConnection Connection { get; }

    public static implicit operator SqliteConnection(SqliteConnectionLease lease) => lease.ToSqliteConnection();

    public SqliteConnection ToSqliteConnection() => Connection;

    public SqliteCommand CreateCommand() => Connection.CreateCommand();

    /// <summary>
    /// A command for <paramref name="sql"/> with no parameters yet. On the relaxed connection it is kept and compiled once
    /// (parsing SQL was about a fifth of SQLite's time in a profile of the host); the lease owns it, so callers do not dispose it.
    /// </summary>
    public SqliteCommand Prepared(string sql) =>
        _relaxed?.Command(sql) ?? throw new InvalidOperationException("Only the relaxed connection keeps prepared commands.");

    public SqliteTransaction BeginTransaction(bool deferred) => Connection.BeginTransaction(deferred);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            _pool.Return(Connection, _gated, _relaxed);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The connection of relaxed writes and its compiled commands, which live and die with it.</summary>
internal sealed class RelaxedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>Only under the write gate: one holder at a time.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
