using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Skill.State;

public enum PinAttemptStatus
{
    /// <summary>Claimed; the PIN is being compared.</summary>
    Pending,

    /// <summary>Compared and wrong.</summary>
    Wrong,
}

/// <summary>One claimed PIN attempt, named by the Alexa request that made it.</summary>
public sealed record PinAttemptClaim(string RequestId, long Seq, PinAttemptStatus Status, DateTimeOffset ClaimedAt);

public enum PinClaimResult
{
    /// <summary>A new attempt was claimed: compare the PIN, then complete the claim.</summary>
    Claimed,

    /// <summary>This request claimed before (a retry) and is still being compared: compare again, nothing more is counted.</summary>
    Repeat,

    /// <summary>This request claimed before (a retry) and its PIN was wrong: the same answer, nothing compared, nothing counted.</summary>
    AlreadyWrong,

    /// <summary>Too many wrong PINs: even the right one is refused.</summary>
    Locked,

    /// <summary>Other attempts are being compared right now and fill the window; not a lock.</summary>
    Busy,
}

/// <summary>
/// The attempts that count against a person's PIN lock, as a pure value both stores keep whole and
/// change atomically (read, change, write). Why a window of named claims rather than a counter:
/// a retried request (same Alexa request id) must not count twice; a correct PIN must clear only
/// the wrong attempts finished before it was claimed, never ones claimed alongside it; and correct
/// PINs compared at the same moment must not be mistaken for wrong ones.
/// </summary>
public sealed record PinAttemptWindow(long NextSeq, IReadOnlyList<PinAttemptClaim> Claims)
{
    /// <summary>A claim still pending after this long was never completed (a crash): it counts as wrong.</summary>
    public static readonly TimeSpan PendingTimeout = TimeSpan.FromSeconds(30);

    public static readonly PinAttemptWindow Empty = new(1, []);

    public int WrongCount(DateTimeOffset now) => Claims.Count(c => IsWrong(c, now));

    public bool IsLocked(int maxAttempts, DateTimeOffset now) => WrongCount(now) >= maxAttempts;

    public (PinAttemptWindow Window, PinClaimResult Result) Claim(string requestId, int maxAttempts, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        if (Claims.FirstOrDefault(c => c.RequestId == requestId) is { } earlier)
        {
            return (this, IsWrong(earlier, now) ? PinClaimResult.AlreadyWrong : PinClaimResult.Repeat);
        }

        if (WrongCount(now) >= maxAttempts)
        {
            return (this, PinClaimResult.Locked);
        }

        // Pending claims hold a place too: however the comparisons end, no more than
        // maxAttempts PINs are ever compared inside one window.
        if (Claims.Count >= maxAttempts)
        {
            return (this, PinClaimResult.Busy);
        }

        var claim = new PinAttemptClaim(requestId, NextSeq, PinAttemptStatus.Pending, now);
        return (new PinAttemptWindow(NextSeq + 1, [.. Claims, claim]), PinClaimResult.Claimed);
    }

    /// <summary>
    /// Records how a claimed attempt ended. Wrong: it stays, counted. Correct: it goes, with the wrong
    /// attempts claimed before it; attempts claimed after it, or still being compared, stay.
    /// Completing twice (a retry) changes nothing more.
    /// </summary>
    public PinAttemptWindow Complete(string requestId, bool correct, DateTimeOffset now)
    {
        var claim = Claims.FirstOrDefault(c => c.RequestId == requestId);
        if (claim is null)
        {
            return this;
        }

        if (!correct)
        {
            return claim.Status == PinAttemptStatus.Wrong
                ? this
                : this with { Claims = [.. Claims.Select(c => c == claim ? c with { Status = PinAttemptStatus.Wrong } : c)] };
        }

        return this with
        {
            Claims = [.. Claims.Where(c => c != claim && !(c.Seq < claim.Seq && IsWrong(c, now)))],
        };
    }

    /// <summary>
    /// Takes back a claim whose PIN could not be compared at all (the PIN key did not answer): it never counts, and it
    /// frees its place. A claim already completed as wrong stays: that PIN was compared.
    /// </summary>
    public PinAttemptWindow Withdraw(string requestId) =>
        Claims.FirstOrDefault(c => c.RequestId == requestId) is { Status: PinAttemptStatus.Pending } claim
            ? this with { Claims = [.. Claims.Where(c => c != claim)] }
            : this;

    public string ToJson() => JsonSerializer.Serialize(this, PinWindowJsonContext.Default.PinAttemptWindow);

    public static PinAttemptWindow FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? Empty : JsonSerializer.Deserialize(json, PinWindowJsonContext.Default.PinAttemptWindow) ?? Empty;

    private static bool IsWrong(PinAttemptClaim claim, DateTimeOffset now) =>
        claim.Status == PinAttemptStatus.Wrong || now - claim.ClaimedAt >= PendingTimeout;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PinAttemptWindow))]
internal sealed partial class PinWindowJsonContext : JsonSerializerContext;
