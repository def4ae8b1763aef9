using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Security;

/// <summary>
/// Checks a spoken PIN with a persistent, atomic lockout: an attempt is claimed in the store
/// before the PIN is compared, so parallel guesses cannot exceed the limit, and once the limit is
/// reached even the right PIN is refused (Alexa certification security test 2.4.4).
/// </summary>
public sealed partial class VoicePinVerifier(
    IUserStateStore store,
    PinHasher hasher,
    IOptions<PinOptions> options,
    ILogger<VoicePinVerifier> logger)
{
    public async Task<PinCheck> CheckAsync(string userId, VoicePin pin, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxAttempts;
        var record = await store.GetPinAsync(userId, cancellationToken);
        if (record is null)
        {
            return new PinCheck(PinCheckOutcome.NotEnrolled);
        }

        if (!await store.TryClaimPinAttemptAsync(userId, maxAttempts, cancellationToken))
        {
            LogLocked(logger);
            return new PinCheck(PinCheckOutcome.Locked);
        }

        if (hasher.Verify(userId, pin, record.Pin))
        {
            await store.ResetPinAttemptsAsync(userId, cancellationToken);
            return new PinCheck(PinCheckOutcome.Verified);
        }

        var after = await store.GetPinAsync(userId, cancellationToken);
        var left = Math.Max(0, maxAttempts - (after?.AttemptsSinceSuccess ?? maxAttempts));
        LogWrongPin(logger, left);
        return left == 0 ? new PinCheck(PinCheckOutcome.Locked) : new PinCheck(PinCheckOutcome.Wrong, left);
    }

    /// <summary>Whether a PIN could succeed at all, from one read (checked before asking for a PIN).</summary>
    public async Task<PinReadiness> ReadinessAsync(string userId, CancellationToken cancellationToken) =>
        await store.GetPinAsync(userId, cancellationToken) switch
        {
            null => PinReadiness.NotEnrolled,
            var record when record.IsLocked(options.Value.MaxAttempts) => PinReadiness.Locked,
            _ => PinReadiness.Ready,
        };

    public async Task<bool> IsEnrolledAsync(string userId, CancellationToken cancellationToken) =>
        await store.GetPinAsync(userId, cancellationToken) is not null;

    /// <summary>Enrols or replaces a PIN out of band (CLI, bank app); clears any lock.</summary>
    public Task EnrollAsync(string userId, VoicePin pin, CancellationToken cancellationToken) =>
        store.SetPinAsync(userId, hasher.Hash(userId, pin), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong voice PIN; {AttemptsLeft} attempts left")]
    private static partial void LogWrongPin(ILogger logger, int attemptsLeft);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice PIN attempt refused: voice payments are locked")]
    private static partial void LogLocked(ILogger logger);
}
