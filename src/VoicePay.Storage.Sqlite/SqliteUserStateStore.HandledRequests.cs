using VoicePay.Skill.State;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// The answers kept per (user, request id) (<see cref="IHandledRequests"/>). A claim is one upsert that only replaces an
/// expired row, so of two processes claiming at once exactly one changes a row. Written with relaxed sync like
/// conversations: a later FULL commit (a PIN attempt, the journal) makes them durable, and a claim lost to a power loss
/// before any such commit had acted on nothing that needs it.
/// </summary>
public sealed partial class SqliteUserStateStore
{
    public async Task<HandledRequest?> TryClaimRequestAsync(string userId, string requestId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var claimed = false;
        await WithRelaxedSyncAsync(
            async connection =>
            {
                var command = connection.Prepared("""
                    INSERT INTO handled_requests (user_id, request_id, claimed_at, response, expires_at)
                    VALUES ($user, $request, $now, NULL, $expires)
                    ON CONFLICT (user_id, request_id) DO UPDATE SET
                        claimed_at = excluded.claimed_at, response = NULL, expires_at = excluded.expires_at
                    WHERE handled_requests.expires_at <= $now;
                    """);
                command.Parameters.AddWithValue("$user", userId);
                command.Parameters.AddWithValue("$request", requestId);
                command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
                claimed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

        // Not claimed: a live row exists. It can only have expired since, if the window is shorter than this gap.
        return claimed ? null : await FindRequestAsync(userId, requestId, now, cancellationToken) ?? new HandledRequest(now, null);
    }

    public async Task<HandledRequest?> FindRequestAsync(string userId, string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT claimed_at, response FROM handled_requests
            WHERE user_id = $user AND request_id = $request AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$request", requestId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new HandledRequest(
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
            reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1));
    }

    public async Task SaveResponseAsync(string userId, string requestId, byte[] response, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(response);
        await WithRelaxedSyncAsync(
            async connection =>
            {
                var command = connection.Prepared("""
                    INSERT INTO handled_requests (user_id, request_id, claimed_at, response, expires_at)
                    VALUES ($user, $request, $now, $response, $expires)
                    ON CONFLICT (user_id, request_id) DO UPDATE SET response = excluded.response, expires_at = excluded.expires_at;
                    """);
                command.Parameters.AddWithValue("$user", userId);
                command.Parameters.AddWithValue("$request", requestId);
                command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$response", response);
                command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(cancellationToken);
                await SweepExpiredAsync(connection, cancellationToken);
            },
            cancellationToken);
    }
}
