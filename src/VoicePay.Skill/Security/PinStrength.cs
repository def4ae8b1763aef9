namespace VoicePay.Skill.Security;

/// <summary>
/// The PINs a thief tries first, refused when a person chooses one (issue 19): a voice PIN is said aloud to a device that
/// anyone in the room can talk to, and the lockout allows only a few tries, so a PIN among those first few tries is no
/// PIN. Studies of leaked and surveyed four-digit PINs (Berry, DataGenetics 2012, 3.4 million PINs; Bonneau, Preibusch
/// and Anderson, "A birthday present every eleven wallets?", 2012) find the same few at the top: one digit four times
/// (1111, 0000), straight runs (1234, 4321) and a handful of patterns and years.
/// </summary>
public static class PinStrength
{
    // The most common PINs in those lists that are neither a repeated digit nor a straight run (those are caught by rule):
    // pairs (1212, 1010, 1313, 1122), 1004 ("ten-oh-four", top ten in the DataGenetics list), the years 2000 and 2001,
    // and 6969. Short on purpose: the rule must refuse what a thief guesses first, not every PIN a person might like.
    private static readonly string[] Common = ["1212", "1004", "2000", "2001", "6969", "1122", "1313", "1010"];

    /// <summary>True for a PIN a thief would guess among the first tries: one digit four times, a straight run up or down, or a very common PIN.</summary>
    public static bool IsEasyToGuess(VoicePin pin)
    {
        var digits = pin.Digits;
        return Common.Contains(digits.ToString(), StringComparer.Ordinal) || StepsBy(digits, 0) || StepsBy(digits, 1) || StepsBy(digits, -1);
    }

    /// <summary>Each digit is the one before plus <paramref name="step"/> (0: all the same; 1: 1234; -1: 9876), without wrapping.</summary>
    private static bool StepsBy(ReadOnlySpan<char> digits, int step)
    {
        for (var i = 1; i < digits.Length; i++)
        {
            if (digits[i] - digits[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
