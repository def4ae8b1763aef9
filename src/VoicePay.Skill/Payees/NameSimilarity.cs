using F23.StringSimilarity;

namespace VoicePay.Skill.Payees;

/// <summary>How alike a heard name is to a written one, from 0 (nothing alike) to 1 (the same), by ear and by eye.</summary>
public static class NameSimilarity
{
    /// <summary>
    /// Saying only part of a name ("alice" for "Alice Smith") is normal, but when someone else's whole
    /// name is exactly what was said, that one should rank first.
    /// </summary>
    public const double PartialNamePenalty = 0.02;

    /// <summary>Each word heard beyond the name ("my mom", "john miller junior") costs this much.</summary>
    public const double ExtraWordPenalty = 0.1;

    /// <summary>
    /// Jaro-Winkler rewards a shared prefix, so "jon" scores 0.91 against "jones", nearly as much as
    /// against "john"; a spoken name that is two or more letters shorter is usually a different name
    /// (a missing syllable), so each letter of difference beyond the first costs this much. The price:
    /// short forms ("alex" for "alexander") need a nickname, which is what nicknames are for.
    /// </summary>
    public const double LengthGapPenalty = 0.05;

    /// <summary>
    /// Below this many letters, or this many sound codes, names collide by sound too easily
    /// ("al" and "eli" share a key) for the key to mean anything.
    /// </summary>
    private const int MinPhoneticTokenLength = 3;

    private const int MinPhoneticKeyLength = 2;

    // Stateless; F23 keeps only the Winkler boost threshold (the standard 0.7).
    private static readonly JaroWinkler JaroWinkler = new();

    /// <summary>
    /// Jaro-Winkler similarity of two tokens, less <see cref="LengthGapPenalty"/>, with the remaining
    /// distance halved when they share a <see cref="PhoneticKey"/> and first vowel. Sounding alike is
    /// strong evidence ("geoff"/"jeff" is 0.78 by spelling, 0.89 with sound), yet never as strong as
    /// being spelled alike, and chance collisions ("mary"/"moore", "tim"/"tom") get no credit.
    /// </summary>
    public static double Tokens(string heard, string written)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(written);
        if (heard.Equals(written, StringComparison.Ordinal))
        {
            return 1.0;
        }

        var lengthGap = Math.Max(0, Math.Abs(heard.Length - written.Length) - 1);
        var spelling = Math.Max(0.0, JaroWinkler.Similarity(heard, written) - (lengthGap * LengthGapPenalty));
        return SoundAlike(heard, written) ? (spelling + 1.0) / 2.0 : spelling;
    }

    /// <summary>
    /// Best alignment of the heard words against a run of consecutive words of the written name (or
    /// the name against a run of the heard words, when more was heard): the mean token similarity,
    /// less <see cref="PartialNamePenalty"/> when only part of the name was said and
    /// <see cref="ExtraWordPenalty"/> for each word heard beyond it.
    /// </summary>
    public static double Phrase(IReadOnlyList<string> heard, IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(written);
        if (heard.Count == 0 || written.Count == 0)
        {
            return 0.0;
        }

        if (heard.Count <= written.Count)
        {
            var penalty = heard.Count < written.Count ? PartialNamePenalty : 0.0;
            return BestRun(heard, written) - penalty;
        }

        var extra = heard.Count - written.Count;
        return Math.Max(0.0, BestRun(written, heard) - (extra * ExtraWordPenalty));
    }

    private static double BestRun(IReadOnlyList<string> shorter, IReadOnlyList<string> longer)
    {
        var best = 0.0;
        for (var start = 0; start + shorter.Count <= longer.Count; start++)
        {
            var sum = 0.0;
            for (var i = 0; i < shorter.Count; i++)
            {
                sum += Tokens(shorter[i], longer[start + i]);
            }

            best = Math.Max(best, sum / shorter.Count);
        }

        return best;
    }

    private static bool SoundAlike(string a, string b)
    {
        if (a.Length < MinPhoneticTokenLength || b.Length < MinPhoneticTokenLength)
        {
            return false;
        }

        // The key drops vowels, so "tim" and "tom" share one; recognizers respell consonants ("jon",
        // "steven", "catherine") far more often than they mishear the first vowel, so it must agree too.
        if (FirstVowel(a) != FirstVowel(b))
        {
            return false;
        }

        var keyA = PhoneticKey.Of(a);
        return keyA.Length >= MinPhoneticKeyLength && keyA.Equals(PhoneticKey.Of(b), StringComparison.Ordinal);
    }

    private static char FirstVowel(string token)
    {
        var i = token.AsSpan().IndexOfAny("aeiou");
        return i < 0 ? '\0' : token[i];
    }
}
