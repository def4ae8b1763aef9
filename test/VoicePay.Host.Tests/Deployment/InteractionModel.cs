using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>Read-only view of one locale's skill-package/interactionModels/custom/&lt;locale&gt;.json.</summary>
internal sealed partial class InteractionModel
{
    public static readonly TheoryData<string> Locales = new() { "en-US", "en-GB" };

    private readonly JsonElement _root;

    private InteractionModel(string locale, JsonElement root)
    {
        Locale = locale;
        _root = root;
    }

    public string Locale { get; }

    public JsonElement LanguageModel => _root.GetProperty("languageModel");

    public string InvocationName => LanguageModel.GetProperty("invocationName").GetString()!;

    public IEnumerable<JsonElement> Intents => LanguageModel.GetProperty("intents").EnumerateArray();

    public IReadOnlyList<string> IntentNames => [.. Intents.Select(intent => intent.GetProperty("name").GetString()!)];

    public IEnumerable<JsonElement> Types =>
        LanguageModel.TryGetProperty("types", out var types) ? types.EnumerateArray() : [];

    public IEnumerable<JsonElement> DialogIntents =>
        _root.TryGetProperty("dialog", out var dialog) ? dialog.GetProperty("intents").EnumerateArray() : [];

    public IEnumerable<JsonElement> Prompts =>
        _root.TryGetProperty("prompts", out var prompts) ? prompts.EnumerateArray() : [];

    public static InteractionModel Load(string locale) =>
        new(locale, RepositoryFiles.ReadJson($"skill-package/interactionModels/custom/{locale}.json").GetProperty("interactionModel"));

    public JsonElement Intent(string name) =>
        Intents.Single(intent => intent.GetProperty("name").GetString() == name);

    /// <summary>Slot name to slot type for one intent.</summary>
    public IReadOnlyDictionary<string, string> SlotsOf(string intentName) =>
        SlotsOf(Intent(intentName));

    public static IReadOnlyDictionary<string, string> SlotsOf(JsonElement intent) =>
        intent.TryGetProperty("slots", out var slots)
            ? slots.EnumerateArray().ToDictionary(slot => slot.GetProperty("name").GetString()!, slot => slot.GetProperty("type").GetString()!)
            : new Dictionary<string, string>();

    public IReadOnlyList<string> SamplesOf(string intentName) =>
        [.. Intent(intentName).GetProperty("samples").EnumerateArray().Select(sample => sample.GetString()!)];

    /// <summary>Every utterance Alexa trains on: intent samples and slot elicitation samples, with the intent they belong to.</summary>
    public IEnumerable<(string Intent, string Utterance)> AllUtterances()
    {
        foreach (var intent in Intents)
        {
            var name = intent.GetProperty("name").GetString()!;
            foreach (var sample in intent.GetProperty("samples").EnumerateArray())
            {
                yield return (name, sample.GetString()!);
            }

            if (!intent.TryGetProperty("slots", out var slots))
            {
                continue;
            }

            foreach (var slot in slots.EnumerateArray())
            {
                if (slot.TryGetProperty("samples", out var slotSamples))
                {
                    foreach (var sample in slotSamples.EnumerateArray())
                    {
                        yield return (name, sample.GetString()!);
                    }
                }
            }
        }
    }

    public static IReadOnlyList<string> SlotReferences(string text) =>
        [.. SlotReference().Matches(text).Select(match => match.Groups[1].Value)];

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex SlotReference();
}
