using System.Globalization;

namespace VoicePay.Simulator;

/// <summary>
/// What Alexa's built-in number slots make of spoken words: AMAZON.NUMBER ("twenty five" → 25,
/// "a thousand" → 1000, "twelve fifty" → 1250, "one hundred and five" → 105) and
/// AMAZON.FOUR_DIGIT_NUMBER ("one two three four" → "1234", "twelve thirty four" → "1234").
/// Digits typed as digits ("25", "1,000", "1 2 3 4") work too, and "minus five" is -5, as
/// AMAZON.NUMBER hears it.
/// </summary>
public static class SpokenNumbers
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0,
        ["oh"] = 0,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100,
        ["thousand"] = 1_000,
        ["million"] = 1_000_000,
    };

    /// <summary>AMAZON.NUMBER: a whole number from words or digits, or null.</summary>
    public static long? ParseNumber(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return null;
        }

        if (words.Count > 1 && words[0] is "minus" or "negative")
        {
            return ParseNumber([.. words.Skip(1)]) is { } magnitude and >= 0 ? -magnitude : null;
        }

        if (words.Count == 1 && TryDigits(words[0], out var single))
        {
            return single;
        }

        // "one two three four": a run of single digits is read as one number.
        if (words.Count > 1 && DigitRun(words) is { } run)
        {
            return long.Parse(run, CultureInfo.InvariantCulture);
        }

        return ParseWords(words);
    }

    /// <summary>
    /// Whether <paramref name="first"/> then <paramref name="second"/> are heard as two numbers
    /// (two adjacent AMAZON.NUMBER slots, "{Amount} {Cents}"): "five | fifty" and "twelve | fifty"
    /// are, because a group of two digits cannot continue the number before it; "twenty | five"
    /// is one number (25), and so is anything with "hundred" or "and" in it ("a hundred | fifty").
    /// The second number is two digits ("fifty", "oh five"), as cents are said.
    /// </summary>
    public static bool AreTwoNumbers(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 1 && second.Count == 1 && TryDigits(first[0], out _) && second[0].Length == 2 && second[0].All(char.IsAsciiDigit))
        {
            return true;
        }

        List<string> both = [.. first, .. second];
        if (both.Any(word => word == "and" || Scales.ContainsKey(word)))
        {
            return false;
        }

        return Groups([.. first]) is [_]
            && Groups(both) is [_, var low]
            && (low >= 10 || second[0] == "oh");
    }

    /// <summary>AMAZON.FOUR_DIGIT_NUMBER: exactly four digits, leading zeros kept, or null.</summary>
    public static string? ParseFourDigits(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 1 && words[0].Length == 4 && words[0].All(char.IsAsciiDigit))
        {
            return words[0];
        }

        if (DigitRun(words) is { Length: 4 } run)
        {
            return run;
        }

        // "twelve thirty four", "nineteen oh five": two two-digit groups.
        if (ParseWords(words) is { } number && number is >= 1000 and <= 9999)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string? DigitRun(IReadOnlyList<string> words)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            if (word.Length > 0 && word.All(char.IsAsciiDigit))
            {
                digits.Append(word);
            }
            else if (Units.TryGetValue(word, out var unit) && unit < 10)
            {
                digits.Append((char)('0' + unit));
            }
            else
            {
                return null;
            }
        }

        return digits.Length > 0 ? digits.ToString() : null;
    }

    private static bool TryDigits(string word, out long value) =>
        long.TryParse(word.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Words to a number; without a scale word, "twelve fifty" (two groups) is 12 × 100 + 50.</summary>
    private static long? ParseWords(IReadOnlyList<string> words)
    {
        var tokens = words.Where(w => w != "and").ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        if (!tokens.Any(Scales.ContainsKey))
        {
            var groups = Groups(tokens);
            return groups switch
            {
                [var one] => one,
                [var high, var low] => (high * 100L) + low,
                _ => null,
            };
        }

        long total = 0;
        long current = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            if (word is "a" or "an" && current == 0 && i + 1 < tokens.Count && Scales.ContainsKey(tokens[i + 1]))
            {
                current = 1;
            }
            else if (Scales.TryGetValue(word, out var scale))
            {
                if (current == 0)
                {
                    return null;
                }

                if (scale == 100)
                {
                    current *= 100;
                }
                else
                {
                    total += current * scale;
                    current = 0;
                }
            }
            else if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
            }
            else if (Tens.TryGetValue(word, out var tens))
            {
                current += tens;
            }
            else
            {
                return null;
            }
        }

        return total + current;
    }

    /// <summary>Two-digit groups: "twelve" | "fifty" | "fifty five" | "oh five"; null if the words are not numbers.</summary>
    private static List<int>? Groups(List<string> tokens)
    {
        var groups = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Tens.TryGetValue(tokens[i], out var tens))
            {
                if (i + 1 < tokens.Count && Units.TryGetValue(tokens[i + 1], out var ones) && ones is > 0 and < 10)
                {
                    tens += ones;
                    i++;
                }

                groups.Add(tens);
            }
            else if (tokens[i] == "oh" && groups.Count > 0 && i + 1 < tokens.Count && Units.TryGetValue(tokens[i + 1], out var after) && after < 10)
            {
                groups.Add(after);
                i++;
            }
            else if (Units.TryGetValue(tokens[i], out var unit))
            {
                groups.Add(unit);
            }
            else
            {
                return null;
            }
        }

        return groups;
    }
}
