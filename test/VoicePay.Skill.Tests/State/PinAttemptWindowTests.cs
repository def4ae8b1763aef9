using VoicePay.Skill.State;

namespace VoicePay.Skill.Tests.State;

public sealed class PinAttemptWindowTests
{
    private const int Max = 3;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_claim_is_pending_with_the_first_sequence_number()
    {
        var (window, result) = PinAttemptWindow.Empty.Claim("r1", Max, T0);

        Assert.Equal(PinClaimResult.Claimed, result);
        var claim = Assert.Single(window.Claims);
        Assert.Equal(new PinAttemptClaim("r1", 1, PinAttemptStatus.Pending, T0), claim);
        Assert.Equal(2, window.NextSeq);
        Assert.Equal(0, window.WrongCount(T0));
    }

    [Fact]
    public void A_withdrawn_claim_never_counts_and_frees_its_place_but_a_wrong_one_stays()
    {
        var (window, _) = PinAttemptWindow.Empty.Claim("wrong", Max, T0);
        window = window.Complete("wrong", correct: false, T0);
        (window, _) = window.Claim("unchecked", Max, T0);

        var after = window.Withdraw("unchecked").Withdraw("wrong");

        Assert.Equal("wrong", Assert.Single(after.Claims).RequestId);
        Assert.Equal(1, after.WrongCount(T0.Add(PinAttemptWindow.PendingTimeout)));
        Assert.Same(after, after.Withdraw("never-claimed"));
    }

    [Fact]
    public void A_repeated_request_is_a_repeat_and_changes_nothing()
    {
        var (window, _) = PinAttemptWindow.Empty.Claim("r1", Max, T0);

        var (again, result) = window.Claim("r1", Max, T0.AddSeconds(1));

        Assert.Equal(PinClaimResult.Repeat, result);
        Assert.Same(window, again);
    }

    [Fact]
    public void A_window_full_of_attempts_being_compared_is_busy_not_locked()
    {
        var window = Claimed(PinAttemptWindow.Empty, "a", "b", "c");

        var (after, result) = window.Claim("d", Max, T0);

        Assert.Equal(PinClaimResult.Busy, result);
        Assert.Same(window, after);
        Assert.False(window.IsLocked(Max, T0));
    }

    [Fact]
    public void The_maximum_of_wrong_attempts_locks_even_a_new_request()
    {
        var window = Wrong(Claimed(PinAttemptWindow.Empty, "a", "b", "c"), "a", "b", "c");

        var (after, result) = window.Claim("d", Max, T0);

        Assert.Equal(PinClaimResult.Locked, result);
        Assert.Same(window, after);
        Assert.True(window.IsLocked(Max, T0));
    }

    [Fact]
    public void A_wrong_completion_counts_once_however_often_it_is_retried()
    {
        var window = Claimed(PinAttemptWindow.Empty, "a");

        var once = window.Complete("a", correct: false, T0);
        var twice = once.Complete("a", correct: false, T0);

        Assert.Equal(1, once.WrongCount(T0));
        Assert.Same(once, twice);
    }

    [Fact]
    public void A_correct_pin_clears_itself_and_the_wrong_attempts_claimed_before_it()
    {
        var window = Claimed(Wrong(Claimed(PinAttemptWindow.Empty, "w1", "w2"), "w1", "w2"), "right");

        var after = window.Complete("right", correct: true, T0);

        Assert.Empty(after.Claims);
        Assert.Equal(window.NextSeq, after.NextSeq);
    }

    [Fact]
    public void A_correct_pin_keeps_wrong_attempts_claimed_after_it()
    {
        var window = Wrong(Claimed(PinAttemptWindow.Empty, "right", "w1"), "w1");

        var after = window.Complete("right", correct: true, T0);

        Assert.Equal("w1", Assert.Single(after.Claims).RequestId);
        Assert.Equal(1, after.WrongCount(T0));
    }

    [Fact]
    public void A_correct_pin_keeps_an_earlier_attempt_that_is_still_being_compared()
    {
        var window = Claimed(PinAttemptWindow.Empty, "w1", "right");

        var after = window.Complete("right", correct: true, T0).Complete("w1", correct: false, T0);

        Assert.Equal("w1", Assert.Single(after.Claims).RequestId);
        Assert.Equal(1, after.WrongCount(T0));
    }

    [Fact]
    public void Correct_pins_completing_together_leave_nothing_counted()
    {
        var window = Claimed(PinAttemptWindow.Empty, "a", "b", "c");

        var after = window.Complete("b", true, T0).Complete("c", true, T0).Complete("a", true, T0);

        Assert.Empty(after.Claims);
        Assert.Equal(PinClaimResult.Claimed, after.Claim("d", Max, T0).Result);
    }

    [Fact]
    public void A_pending_attempt_counts_as_wrong_once_it_is_stale_and_a_later_correct_pin_clears_it()
    {
        var window = Claimed(PinAttemptWindow.Empty, "crashed");
        var stale = T0 + PinAttemptWindow.PendingTimeout;

        Assert.Equal(0, window.WrongCount(stale - TimeSpan.FromTicks(1)));
        Assert.Equal(1, window.WrongCount(stale));

        var (withRight, _) = window.Claim("right", Max, stale);
        Assert.Empty(withRight.Complete("right", correct: true, stale).Claims);
        // Not yet stale when the correct PIN completes: it stays.
        var (early, _) = window.Claim("right", Max, T0);
        Assert.Single(early.Complete("right", correct: true, T0).Claims);
    }

    [Fact]
    public void Completing_a_request_never_claimed_changes_nothing()
    {
        var window = Claimed(PinAttemptWindow.Empty, "a");

        Assert.Same(window, window.Complete("other", correct: true, T0));
        Assert.Same(window, window.Complete("other", correct: false, T0));
    }

    [Fact]
    public void A_window_survives_its_json_form()
    {
        var window = Wrong(Claimed(PinAttemptWindow.Empty, "a", "b"), "a");

        var back = PinAttemptWindow.FromJson(window.ToJson());

        Assert.Equal(window.NextSeq, back.NextSeq);
        Assert.Equal(window.Claims, back.Claims);
        Assert.Same(PinAttemptWindow.Empty, PinAttemptWindow.FromJson(null));
        Assert.Same(PinAttemptWindow.Empty, PinAttemptWindow.FromJson(""));
    }

    [Fact]
    public void A_claim_needs_a_request_id_and_a_positive_maximum()
    {
        Assert.ThrowsAny<ArgumentException>(() => PinAttemptWindow.Empty.Claim("", Max, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PinAttemptWindow.Empty.Claim("r", 0, T0));
    }

    private static PinAttemptWindow Claimed(PinAttemptWindow window, params string[] requests)
    {
        foreach (var request in requests)
        {
            var (next, result) = window.Claim(request, Max, T0);
            Assert.Equal(PinClaimResult.Claimed, result);
            window = next;
        }

        return window;
    }

    private static PinAttemptWindow Wrong(PinAttemptWindow window, params string[] requests) =>
        requests.Aggregate(window, (w, r) => w.Complete(r, correct: false, T0));
}
