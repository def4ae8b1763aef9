using System.Text;
using System.Text.RegularExpressions;

namespace VoicePay.Simulator;

/// <summary>Turns typed words and sample utterances into the same lower-case tokens.</summary>
public static partial class Utterances
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spoken = Money().Replace(DigitComma().Replace(text.ToLowerInvariant(), string.Empty), m => $"{m.Groups["n"].Value} {(m.Groups["c"].Value == "£" ? "pounds" : "dollars")}");
        var cleaned = new StringBuilder(spoken.Length);
        foreach (var c in spoken)
        {
            cleaned.Append(char.IsLetterOrDigit(c) || c is '\'' or '{' or '}' or '&' or '_' or '.' ? c : ' ');
        }

        // A typographic apostrophe is still an apostrophe; trailing dots end sentences, not numbers.
        return [.. cleaned.ToString().Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('.', '\''))
            .Where(t => t.Length > 0)];
    }

    public static string Join(IEnumerable<string> tokens) => string.Join(' ', tokens);

    [GeneratedRegex(@"(?<=\d),(?=\d)")]
    private static partial Regex DigitComma();

    [GeneratedRegex(@"(?<c>[$£])\s?(?<n>\d+)")]
    private static partial Regex Money();
}
