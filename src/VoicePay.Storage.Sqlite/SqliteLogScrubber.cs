using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// Makes deleted personal data unreadable in the files, not only in the rows. Every connection runs with
/// <c>secure_delete=ON</c> (<see cref="SqliteConnectionPool"/>), so a deletion zeroes the freed cells and pages in the
/// new page images; but the log still holds the older frames with the data, and the database file holds the old pages
/// until they are checkpointed. After a deletion (forget me, the retention sweep) <see cref="ScrubAsync"/> runs
/// <c>wal_checkpoint(TRUNCATE)</c>: the zeroed pages go into the file and the log is cut to 0 bytes.
/// </summary>
/// <remarks>
/// A checkpoint cannot finish while a reader (this process's, or another's such as the CLI) is reading an older
/// snapshot from the log. It waits <see cref="ReaderWait"/>; if a reader is still there the data is not yet gone, which
/// is logged as a warning and retried every <see cref="RetryInterval"/> in the background until a checkpoint finishes
/// (logged too) or the store is disposed. Never silently left.
/// </remarks>
internal sealed partial class SqliteLogScrubber(SqliteConnectionPool pool, ILogger logger) : IDisposable
{
    internal static readonly TimeSpan ReaderWait = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private Task? _retrying;

    /// <summary>True while deleted data may still be in the log because a checkpoint could not finish yet.</summary>
    public bool IsPending
    {
        get
        {
            lock (_lock)
            {
                return _retrying is { IsCompleted: false };
            }
        }
    }

    /// <summary>Checkpoints on <paramref name="writer"/> (a lease holding the write gate, outside any transaction).</summary>
    public async Task ScrubAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        if (await TryCheckpointAsync(writer, cancellationToken))
        {
            return;
        }

        lock (_lock)
        {
            if (_retrying is { IsCompleted: false } || _disposed.IsCancellationRequested)
            {
                return;
            }

            LogPending(logger, RetryInterval.TotalSeconds);
            _retrying = Task.Run(RetryAsync, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed.Cancel();
        }
    }

    private async Task RetryAsync()
    {
        var token = _disposed.Token;
        for (var attempt = 1; !token.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(RetryInterval, token);
                await using var lease = await pool.RentAsync(write: true, token);
                if (await TryCheckpointAsync(lease.Connection, token))
                {
                    LogScrubbed(logger, attempt);
                    return;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
            {
                LogRetryFailed(logger, ex.GetType().Name, ex);
                if (ex is ObjectDisposedException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>Whether the checkpoint finished: every frame in the file and the log truncated.</returns>
    private static async Task<bool> TryCheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // The busy handler is what waits for readers to leave the log; shorter than the pool's five seconds, so a
        // forget-me turn is not held up long by a reader (the retries take over).
        await SetBusyTimeoutAsync(connection, (int)ReaderWait.TotalMilliseconds, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            // One row: busy (1 when a reader or writer kept it from finishing), frames in the log, frames checkpointed.
            return await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0;
        }
        finally
        {
            await SetBusyTimeoutAsync(connection, SqliteConnectionPool.BusyTimeoutMilliseconds, CancellationToken.None);
        }
    }

    private static async Task SetBusyTimeoutAsync(SqliteConnection connection, int milliseconds, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted personal data is still in the SQLite write-ahead log: a reader kept the checkpoint from finishing. Retrying every {Seconds} s until it does")]
    private static partial void LogPending(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The SQLite write-ahead log is checkpointed and truncated after {Attempts} retries: deleted personal data is gone from the files")]
    private static partial void LogScrubbed(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retry of the SQLite checkpoint failed ({ExceptionType}); retrying")]
    private static partial void LogRetryFailed(ILogger logger, string exceptionType, Exception exception);
}
