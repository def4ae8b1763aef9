using FsCheck.Xunit;
using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.State;

/// <summary>
/// Any interleaving of claims, completions (as the verifier makes them: only after its claim was granted),
/// retries and the clock, applied one at a time as both stores apply them (atomically, in some order).
/// </summary>
public sealed class PinAttemptWindowProperties
{
    private const int Requests = 6;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 2000)]
    public void Wrong_pins_accepted_between_two_correct_pins_never_exceed_the_maximum(byte correctMask, byte maxSeed, byte[] operations)
    {
        var run = Run(correctMask, maxSeed, operations);

        var wrongSinceCorrect = 0;
        foreach (var (correct, _) in run.AcceptedCompletions)
        {
            wrongSinceCorrect = correct ? 0 : wrongSinceCorrect + 1;
            Assert.True(wrongSinceCorrect <= run.Max, $"{wrongSinceCorrect} wrong PINs accepted in a row with max {run.Max}: {run.Trace}");
        }
    }

    [Property(MaxTest = 2000)]
    public void In_claim_order_no_more_than_the_maximum_wrong_pins_are_compared_without_a_correct_one_between(byte correctMask, byte maxSeed, byte[] operations)
    {
        // A correct PIN forgives only what was claimed before it: wrong PINs claimed alongside it still count.
        var run = Run(correctMask, maxSeed, operations);

        var wrongInARow = 0;
        foreach (var correct in run.ClaimOrder)
        {
            wrongInARow = correct ? 0 : wrongInARow + 1;
            Assert.True(wrongInARow <= run.Max, $"{wrongInARow} wrong PINs compared in a row with max {run.Max}: {run.Trace}");
        }
    }

    [Property(MaxTest = 2000)]
    public void A_correct_pin_is_never_counted_wrong_and_the_window_never_holds_more_than_the_maximum(byte correctMask, byte maxSeed, byte[] operations)
    {
        var run = Run(correctMask, maxSeed, operations);

        Assert.All(run.AcceptedCompletions.Where(c => c.Correct), c => Assert.False(c.WrongCountRose, run.Trace));
        Assert.True(run.LargestWindow <= run.Max, run.Trace);
    }

    private static RunResult Run(byte correctMask, byte maxSeed, byte[]? operations)
    {
        var max = (maxSeed % 4) + 1;
        var window = PinAttemptWindow.Empty;
        var now = T0;
        var comparing = new bool[Requests];
        var completions = new List<(bool Correct, bool WrongCountRose)>();
        var claimOrder = new List<bool>();
        var trace = new System.Text.StringBuilder();
        var largest = 0;

        foreach (var op in operations ?? [])
        {
            var request = (op >> 3) % Requests;
            var id = $"r{request}";
            var correct = (correctMask & (1 << request)) != 0;
            switch (op & 7)
            {
                case 0 or 1 or 2 or 3:
                    var (claimed, result) = window.Claim(id, max, now);
                    window = claimed;
                    if (result == PinClaimResult.Claimed)
                    {
                        claimOrder.Add(correct);
                    }

                    comparing[request] |= result is PinClaimResult.Claimed or PinClaimResult.Repeat;
                    trace.Append($" claim {id}{(correct ? "✓" : "✗")}→{result}");
                    break;
                case 4 or 5 or 6 when comparing[request]:
                    comparing[request] = false;
                    var before = window.WrongCount(now);
                    var completed = window.Complete(id, correct, now);
                    if (!ReferenceEquals(completed, window))
                    {
                        completions.Add((correct, completed.WrongCount(now) > before));
                    }

                    window = completed;
                    trace.Append($" complete {id}{(correct ? "✓" : "✗")}");
                    break;
                case 7:
                    var seconds = (op >> 3) * 2;
                    now = now.AddSeconds(seconds);
                    trace.Append($" +{seconds}s");
                    break;
            }

            largest = Math.Max(largest, window.Claims.Count);
        }

        return new RunResult(max, completions, claimOrder, largest, trace.ToString());
    }

    private sealed record RunResult(
        int Max,
        IReadOnlyList<(bool Correct, bool WrongCountRose)> AcceptedCompletions,
        IReadOnlyList<bool> ClaimOrder,
        int LargestWindow,
        string Trace);
}
