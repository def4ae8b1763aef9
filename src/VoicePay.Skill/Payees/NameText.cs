using System.Globalization;
using System.Text;

namespace VoicePay.Skill.Payees;

/// <summary>
/// Puts a spoken or written name into one comparable form: lower case, no diacritics, no punctuation,
/// "&amp;" spelled "and", single spaces. Speech recognition writes "tom and jerry's" where the bank has
/// "Tom &amp; Jerry's Bakery", and "jose" where it has "José".
/// </summary>
public static class NameText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 8);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                AppendFolded(builder, char.ToLowerInvariant(c));
            }
            else if (c == '&' || c == '+')
            {
                builder.Append(" and ");
            }
            else if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4')
            {
                // "Jerry's" and "jerrys" are the same word to a listener; "O'Brien" is "obrien".
                continue;
            }
            else
            {
                builder.Append(' ');
            }
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static string[] Tokens(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Letters that FormD does not decompose into a base letter and a mark.
    private static void AppendFolded(StringBuilder builder, char c)
    {
        switch (c)
        {
            case 'ß': builder.Append("ss"); break;
            case 'æ': builder.Append("ae"); break;
            case 'œ': builder.Append("oe"); break;
            case 'ø': builder.Append('o'); break;
            case 'đ': builder.Append('d'); break;
            case 'ł': builder.Append('l'); break;
            case 'ı': builder.Append('i'); break;
            default: builder.Append(c); break;
        }
    }
}
