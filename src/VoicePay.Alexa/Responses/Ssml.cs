using System.Globalization;
using System.Text;
using System.Xml;

namespace VoicePay.Alexa.Responses;

/// <summary>
/// A fragment of SSML that is well-formed by construction: text is always escaped, and only
/// templates we own (locale resources) may carry markup. Payee names such as "Tom &amp; Jerry's"
/// therefore cannot break the speech.
/// </summary>
public readonly record struct Ssml
{
    private readonly string? markup;

    private Ssml(string markup) => this.markup = markup;

    public static Ssml Empty => default;

    public string Markup => markup ?? string.Empty;

    public bool IsEmpty => string.IsNullOrEmpty(markup);

    /// <summary>Plain words, escaped.</summary>
    public static Ssml Text(string? text) => new(Escape(text));

    /// <summary>
    /// Fills a trusted template ({0}, {1}, ...) with arguments. String arguments are escaped;
    /// <see cref="Ssml"/> arguments are inserted as they are.
    /// </summary>
    public static Ssml Format(IFormatProvider? provider, string trustedTemplate, params object?[] args)
    {
        var safe = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            safe[i] = args[i] switch
            {
                Ssml ssml => ssml.Markup,
                IFormattable formattable => Escape(formattable.ToString(null, provider)),
                null => string.Empty,
                var other => Escape(other.ToString()),
            };
        }

        return new(string.Format(provider ?? CultureInfo.InvariantCulture, trustedTemplate, safe));
    }

    /// <summary>A pause, clamped to what Alexa accepts (10 seconds).</summary>
    public static Ssml Break(TimeSpan length) =>
        new(string.Create(CultureInfo.InvariantCulture, $"<break time=\"{Math.Clamp((int)length.TotalMilliseconds, 0, 10_000)}ms\"/>"));

    /// <summary>Reads characters one by one, such as the last digits of a reference.</summary>
    public static Ssml Characters(string? text) => new($"<say-as interpret-as=\"characters\">{Escape(text)}</say-as>");

    public static Ssml Concat(params Ssml[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.IsEmpty)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part.Markup);
        }

        return new(builder.ToString());
    }

    /// <summary>
    /// Markup this skill produced earlier and kept server-side (what it said last, for "repeat").
    /// Checked again: anything that is not a well-formed fragment comes back as <see cref="Empty"/>.
    /// </summary>
    public static Ssml FromStored(string? markup)
    {
        if (string.IsNullOrEmpty(markup))
        {
            return Empty;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader($"<speak>{markup}</speak>"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
            }

            return new(markup);
        }
        catch (XmlException)
        {
            return Empty;
        }
    }

    public string ToSpeak() => $"<speak>{Markup}</speak>";

    public override string ToString() => Markup;

    /// <summary>Escapes markup and drops characters XML cannot carry (control characters, lone surrogates).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    if (XmlConvert.IsXmlChar(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c is '&' or '<' or '>' or '"' or '\'' || char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c))
            {
                return true;
            }
        }

        return false;
    }
}
