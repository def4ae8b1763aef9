using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Skill.Speech;

/// <summary>All locales the skill speaks, loaded once. Unknown locales fall back to en-US.</summary>
public sealed class SpeechCatalogs
{
    public const string DefaultLocale = "en-US";

    public static readonly IReadOnlyList<string> SupportedLocales = ["en-US", "en-GB"];

    private readonly FrozenDictionary<string, SpeechCatalog> catalogs;

    public SpeechCatalogs()
    {
        catalogs = SupportedLocales.ToFrozenDictionary(
            locale => locale,
            locale => new SpeechCatalog(locale, Load(locale)),
            StringComparer.OrdinalIgnoreCase);
    }

    public SpeechCatalog For(string? locale) =>
        locale is not null && catalogs.TryGetValue(locale, out var catalog) ? catalog : catalogs[DefaultLocale];

    private static FrozenDictionary<string, string> Load(string locale)
    {
        var name = $"VoicePay.Skill.Speech.Resources.{locale}.json";
        using var stream = typeof(SpeechCatalogs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded speech resource {name} is missing.");
        var entries = JsonSerializer.Deserialize(stream, SpeechJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException($"Embedded speech resource {name} is empty.");
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SpeechJsonContext : JsonSerializerContext;
