using System.Collections.Frozen;
using System.Globalization;
using VoicePay.Alexa.Responses;

namespace VoicePay.Skill.Speech;

/// <summary>
/// The words the skill says in one locale, from an embedded resource (Speech/Resources/{locale}.json).
/// Templates are trusted SSML; arguments are escaped by <see cref="Ssml.Format"/>.
/// Culture-free on purpose: the AOT Lambda runs with invariant globalization.
/// </summary>
public sealed class SpeechCatalog(string locale, FrozenDictionary<string, string> templates)
{
    public string Locale { get; } = locale;

    public IReadOnlyCollection<string> Keys => templates.Keys;

    public Ssml Say(string key, params object?[] args) =>
        Ssml.Format(CultureInfo.InvariantCulture, Template(key), args);

    /// <summary>Plain text for cards: the template with markup-free arguments, unescaped.</summary>
    public string Text(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Template(key), args);

    public string Template(string key) =>
        templates.TryGetValue(key, out var template)
            ? template
            : throw new KeyNotFoundException($"Speech '{key}' is missing for locale {Locale}.");
}
