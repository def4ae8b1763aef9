using System.Text;

namespace VoicePay.Skill.Payees;

/// <summary>
/// A compact sound key for one name token, a small subset of Lawrence Philips' Metaphone.
/// </summary>
/// <remarks>
/// Why Metaphone-style and not Soundex: Soundex keeps the first letter as written, so "Katherine" and
/// "Catherine" never meet, and it knows nothing of "ph" or "th". The names people pay are spelled
/// however speech recognition likes ("Jon", "Stephen", "Geoff"), and spelling variants of a name are
/// nearly always the same consonant skeleton: so the key keeps consonant sounds (C/K/Q as K, PH/V as F,
/// TH as 0, SH/CH as X, soft C as S, soft G as J), drops vowels after the first letter and silent
/// letters (H after a consonant or before a consonant, W/Y not before a vowel, initial K in KN, GH not
/// before a vowel) and collapses repeats. Input is one token from <see cref="NameText.Normalize"/>.
/// </remarks>
public static class PhoneticKey
{
    public static string Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var w = token.ToLowerInvariant();
        var key = new StringBuilder(w.Length);
        var start = SilentPrefixLength(w);

        for (var i = start; i < w.Length; i++)
        {
            var c = w[i];
            if (i > start && c == w[i - 1] && c != 'c')
            {
                continue;
            }

            var code = CodeAt(w, i, start);
            foreach (var k in code)
            {
                if (key.Length == 0 || key[^1] != k)
                {
                    key.Append(k);
                }
            }
        }

        return key.ToString();
    }

    private static int SilentPrefixLength(string w)
    {
        if (w.Length < 2)
        {
            return 0;
        }

        return w[..2] switch
        {
            "kn" or "gn" or "pn" or "wr" or "ps" => 1,
            _ => 0,
        };
    }

    private static string CodeAt(string w, int i, int start)
    {
        var c = w[i];
        var next = At(w, i + 1);
        var afterNext = At(w, i + 2);
        var prev = i > start ? w[i - 1] : '\0';

        return c switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => i == start ? "A" : string.Empty,
            'b' => prev == 'm' && i == w.Length - 1 ? string.Empty : "B",
            'c' => C(next, afterNext, prev, i == start),
            'd' => next == 'g' && IsFrontVowel(afterNext) ? "J" : "T",
            'g' => G(next, afterNext),
            'h' => IsVowel(next) && !IsModifier(prev) ? "H" : string.Empty,
            'k' => prev == 'c' ? string.Empty : "K",
            'p' => next == 'h' ? "F" : "P",
            'q' => "K",
            's' => next == 'h' || (next == 'i' && afterNext is 'o' or 'a') ? "X" : "S",
            't' => T(next, afterNext),
            'v' => "F",
            'w' or 'y' => IsVowel(next) ? char.ToUpperInvariant(c).ToString() : string.Empty,
            'x' => i == start ? "S" : "KS",
            'z' => "S",
            _ when char.IsAsciiLetter(c) => char.ToUpperInvariant(c).ToString(),
            _ when char.IsDigit(c) => c.ToString(),
            _ => string.Empty,
        };
    }

    private static string C(char next, char afterNext, char prev, bool initial)
    {
        if (next == 'h')
        {
            // "Christopher", "Chloe", "Schmidt" are hard; "Charles", "Rachel" are soft.
            return prev == 's' || (initial && !IsVowel(afterNext)) ? "K" : "X";
        }

        if (next == 'i' && afterNext == 'a')
        {
            return "X";
        }

        return IsFrontVowel(next) ? "S" : "K";
    }

    private static string G(char next, char afterNext)
    {
        if (next == 'h' && !IsVowel(afterNext))
        {
            return string.Empty; // "Leigh", "Hugh", "Vaughn"
        }

        if (next == 'n' && afterNext == '\0')
        {
            return string.Empty;
        }

        return IsFrontVowel(next) ? "J" : "K";
    }

    private static string T(char next, char afterNext)
    {
        if (next == 'h')
        {
            return "0";
        }

        if (next == 'i' && afterNext is 'o' or 'a')
        {
            return "X";
        }

        return next == 'c' && afterNext == 'h' ? string.Empty : "T";
    }

    private static char At(string w, int i) => i < w.Length ? w[i] : '\0';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsFrontVowel(char c) => c is 'e' or 'i' or 'y';

    // Letters whose following H is part of a digraph (ch, sh, ph, th, gh) and so makes no sound of its own.
    private static bool IsModifier(char c) => c is 'c' or 's' or 'p' or 't' or 'g';
}
