using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.State;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Skill.Security;

/// <summary>
/// Checks a spoken PIN with a persistent, atomic lockout: an attempt is claimed in the store under the
/// Alexa request's id before the PIN is compared, so parallel guesses cannot pass the limit, a retried
/// request is not counted twice, and once the limit is reached even the right PIN is refused
/// (Alexa certification security test 2.4.4). The rules live in <see cref="PinAttemptWindow"/>. The PIN is compared
/// by the PIN key (<see cref="PinProtector"/>, KMS on Lambda); when the key cannot answer the claim is withdrawn: the
/// person hears that the PIN can't be checked right now, and nothing is counted.
/// </summary>
public sealed partial class VoicePinVerifier(
    IUserStateStore store,
    PinProtector protector,
    IOptions<PinOptions> options,
    TimeProvider time,
    ILogger<VoicePinVerifier> logger)
{
    // While other attempts fill the window they are being compared; their outcome is a moment away.
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(40);
    private const int BusyPasses = 25;

    public async Task<PinCheck> CheckAsync(PinHolder holder, string requestId, VoicePin pin, CancellationToken cancellationToken)
    {
        var check = await CheckCoreAsync(holder, requestId, pin, cancellationToken);
        if (VoicePayTelemetry.PinAttempts.Enabled)
        {
            VoicePayTelemetry.PinAttempts.Add(1, new KeyValuePair<string, object?>("result", VoicePayTelemetry.TagValue(check.Outcome)));
        }

        return check;
    }

    private async Task<PinCheck> CheckCoreAsync(PinHolder holder, string requestId, VoicePin pin, CancellationToken cancellationToken)
    {
        var maxAttempts = options.Value.MaxAttempts;
        var record = await store.GetPinAsync(holder, cancellationToken);
        if (record is null)
        {
            return new PinCheck(PinCheckOutcome.NotEnrolled);
        }

        var claim = await ClaimAsync(holder, requestId, maxAttempts, cancellationToken);
        switch (claim)
        {
            case PinClaimResult.Locked:
                LogLocked(logger);
                return new PinCheck(PinCheckOutcome.Locked);
            case PinClaimResult.Busy:
                return new PinCheck(PinCheckOutcome.Busy);
            case PinClaimResult.AlreadyWrong:
                var again = await store.GetPinAsync(holder, cancellationToken);
                return Wrong(maxAttempts - (again?.Attempts.WrongCount(time.GetUtcNow()) ?? maxAttempts));
        }

        bool correct;
        try
        {
            correct = await protector.VerifyAsync(holder, pin, record.Pin, cancellationToken);
        }
        catch (PinMacUnavailableException ex)
        {
            await store.UpdatePinAttemptsAsync(holder, window => (window.Withdraw(requestId), 0), cancellationToken);
            LogUnavailable(logger, ex.Message);
            return new PinCheck(PinCheckOutcome.Unavailable);
        }

        var wrong = await store.UpdatePinAttemptsAsync(
            holder,
            window =>
            {
                var now = time.GetUtcNow();
                var after = window.Complete(requestId, correct, now);
                return (after, after.WrongCount(now));
            },
            cancellationToken);
        if (correct)
        {
            LogVerified(logger);
            await UpgradeAsync(holder, pin, record.Pin, cancellationToken);
            return new PinCheck(PinCheckOutcome.Verified);
        }

        LogWrongPin(logger, Math.Max(0, maxAttempts - wrong));
        if (maxAttempts - wrong <= 0)
        {
            VoicePayTelemetry.PinLockouts.Add(1);
        }

        return Wrong(maxAttempts - wrong);
    }

    private static PinCheck Wrong(int left) =>
        left <= 0 ? new PinCheck(PinCheckOutcome.Locked) : new PinCheck(PinCheckOutcome.Wrong, left);

    /// <summary>Whether a PIN could succeed at all, from one read (checked before asking for a PIN).</summary>
    public async Task<PinReadiness> ReadinessAsync(PinHolder holder, CancellationToken cancellationToken) =>
        await store.GetPinAsync(holder, cancellationToken) switch
        {
            null => PinReadiness.NotEnrolled,
            var record when record.IsLocked(options.Value.MaxAttempts, time.GetUtcNow()) => PinReadiness.Locked,
            _ => PinReadiness.Ready,
        };

    public async Task<bool> IsEnrolledAsync(PinHolder holder, CancellationToken cancellationToken) =>
        await store.GetPinAsync(holder, cancellationToken) is not null;

    /// <summary>
    /// Enrols or replaces a PIN out of band (CLI, bank app); clears any lock. Throws <see cref="PinMacUnavailableException"/>
    /// when the PIN key cannot answer (nothing is stored then).
    /// </summary>
    public async Task EnrollAsync(PinHolder holder, VoicePin pin, CancellationToken cancellationToken) =>
        await store.SetPinAsync(holder, await protector.ProtectAsync(holder, pin, cancellationToken), cancellationToken);

    /// <summary>
    /// An older (PBKDF2) record whose PIN was just verified is rewritten with the PIN key, so no one re-enrols. Only if
    /// the record is unchanged since it was read; a key that cannot answer leaves it for the next correct PIN.
    /// </summary>
    private async Task UpgradeAsync(PinHolder holder, VoicePin pin, StoredPin verified, CancellationToken cancellationToken)
    {
        if (!PinProtector.IsLegacy(verified))
        {
            return;
        }

        try
        {
            var rewritten = await store.ReplacePinAsync(holder, verified, await protector.ProtectAsync(holder, pin, cancellationToken), cancellationToken);
            LogUpgraded(logger, rewritten);
        }
        catch (PinMacUnavailableException ex)
        {
            LogUpgradeDeferred(logger, ex.Message);
        }
    }

    private async Task<PinClaimResult> ClaimAsync(PinHolder holder, string requestId, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var pass = 0; ; pass++)
        {
            var result = await store.UpdatePinAttemptsAsync(
                holder,
                window => window.Claim(requestId, maxAttempts, time.GetUtcNow()),
                cancellationToken);
            if (result != PinClaimResult.Busy || pass >= BusyPasses)
            {
                return result;
            }

            await Task.Delay(BusyPause, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong voice PIN; {AttemptsLeft} attempts left")]
    private static partial void LogWrongPin(ILogger logger, int attemptsLeft);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voice PIN verified")]
    private static partial void LogVerified(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice PIN not checked: the PIN key did not answer ({Reason}); the attempt is not counted")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Older voice PIN record rewritten with the PIN key: {Rewritten}")]
    private static partial void LogUpgraded(ILogger logger, bool rewritten);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Older voice PIN record kept until the next correct PIN: the PIN key did not answer ({Reason})")]
    private static partial void LogUpgradeDeferred(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice PIN attempt refused: voice payments are locked")]
    private static partial void LogLocked(ILogger logger);
}
