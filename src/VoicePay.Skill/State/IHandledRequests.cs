namespace VoicePay.Skill.State;

/// <summary>
/// The answers given to Alexa requests, by (user, request id), kept for the replay window so that a request delivered
/// again (an Alexa retry, a replayed signed body) gets the same bytes and has no second effect (docs/architecture.md,
/// "Request idempotency"). A port; SQLite and DynamoDB pass one contract suite.
/// </summary>
/// <remarks>
/// Keyed by the user as well as the request id: a request id sent under another user can neither read this person's
/// answer (it may hold balances and payee names) nor block their request. Records past <c>expiresAt</c> read as absent.
/// </remarks>
public interface IHandledRequests
{
    /// <summary>
    /// Claims the request for this delivery, atomically: of two concurrent claims exactly one gets null (it runs the
    /// request); the other gets the live record (its answer, or none yet while the first still runs). An expired
    /// record is replaced by the claim.
    /// </summary>
    Task<HandledRequest?> TryClaimRequestAsync(string userId, string requestId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The live record of the request, or null when there is none or it has expired.</summary>
    Task<HandledRequest?> FindRequestAsync(string userId, string requestId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the answer (the response's JSON bytes) and its expiry, creating the record if it is gone.</summary>
    Task SaveResponseAsync(string userId, string requestId, byte[] response, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <param name="ClaimedAt">When the first delivery claimed it.</param>
/// <param name="Response">The answer's JSON bytes, exactly as first sent; null while the first delivery still runs (or died).</param>
public sealed record HandledRequest(DateTimeOffset ClaimedAt, byte[]? Response);
