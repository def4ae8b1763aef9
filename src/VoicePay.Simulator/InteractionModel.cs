using System.Text.Json;

namespace VoicePay.Simulator;

/// <summary>
/// The parts of an ASK interaction model (skill-package/interactionModels/custom/&lt;locale&gt;.json)
/// that decide what Alexa hears: intents with their samples, slot types with values and synonyms,
/// the dialog model (required slots, confirmation) and its prompts.
/// </summary>
public sealed class InteractionModel
{
    public required string InvocationName { get; init; }

    public required IReadOnlyList<ModelIntent> Intents { get; init; }

    public required IReadOnlyDictionary<string, ModelSlotType> Types { get; init; }

    public required IReadOnlyDictionary<string, DialogIntent> Dialog { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Prompts { get; init; }

    public ModelIntent? Intent(string name) => Intents.FirstOrDefault(i => i.Name == name);

    /// <summary>skill-package/interactionModels/custom/&lt;locale&gt;.json under a repository root.</summary>
    public static string PathFor(string repositoryRoot, string locale) =>
        Path.Combine(repositoryRoot, "skill-package", "interactionModels", "custom", locale + ".json");

    public static InteractionModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No interaction model at {path}.", path);
        }

        return Parse(File.ReadAllText(path));
    }

    public static InteractionModel Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.GetProperty("interactionModel");
        var language = root.GetProperty("languageModel");

        var intents = new List<ModelIntent>();
        foreach (var intent in Array(language, "intents"))
        {
            var slots = new List<ModelSlot>();
            foreach (var slot in Array(intent, "slots"))
            {
                slots.Add(new ModelSlot(Text(slot, "name"), Text(slot, "type"), Strings(slot, "samples")));
            }

            intents.Add(new ModelIntent(Text(intent, "name"), slots, Strings(intent, "samples")));
        }

        var types = new Dictionary<string, ModelSlotType>(StringComparer.Ordinal);
        foreach (var type in Array(language, "types"))
        {
            var values = new List<SlotTypeValue>();
            foreach (var value in Array(type, "values"))
            {
                var name = value.GetProperty("name");
                values.Add(new SlotTypeValue(value.TryGetProperty("id", out var id) ? id.GetString() : null, Text(name, "value"), Strings(name, "synonyms")));
            }

            types[Text(type, "name")] = new ModelSlotType(Text(type, "name"), values);
        }

        var dialog = new Dictionary<string, DialogIntent>(StringComparer.Ordinal);
        var prompts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("dialog", out var dialogModel))
        {
            foreach (var intent in Array(dialogModel, "intents"))
            {
                var slots = new List<DialogSlot>();
                foreach (var slot in Array(intent, "slots"))
                {
                    slots.Add(new DialogSlot(
                        Text(slot, "name"),
                        Flag(slot, "elicitationRequired"),
                        Flag(slot, "confirmationRequired"),
                        Prompt(slot, "elicitation"),
                        Prompt(slot, "confirmation")));
                }

                dialog[Text(intent, "name")] = new DialogIntent(Text(intent, "name"), Flag(intent, "confirmationRequired"), Prompt(intent, "confirmation"), slots);
            }
        }

        if (root.TryGetProperty("prompts", out var promptList))
        {
            foreach (var prompt in promptList.EnumerateArray())
            {
                prompts[Text(prompt, "id")] = [.. Array(prompt, "variations").Select(v => Text(v, "value"))];
            }
        }

        return new InteractionModel
        {
            InvocationName = Text(language, "invocationName"),
            Intents = intents,
            Types = types,
            Dialog = dialog,
            Prompts = prompts,
        };
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : default;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Prompt(JsonElement element, string name) =>
        element.TryGetProperty("prompts", out var prompts) && prompts.TryGetProperty(name, out var id) ? id.GetString() : null;

    private static List<string> Strings(JsonElement element, string name) =>
        [.. Array(element, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
}

public sealed record ModelIntent(string Name, IReadOnlyList<ModelSlot> Slots, IReadOnlyList<string> Samples)
{
    public ModelSlot? Slot(string name) => Slots.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A slot; its <c>Samples</c> are the slot-elicitation utterances ("{Amount} dollars") heard after Dialog.ElicitSlot.</summary>
public sealed record ModelSlot(string Name, string Type, IReadOnlyList<string> Samples);

public sealed record ModelSlotType(string Name, IReadOnlyList<SlotTypeValue> Values);

public sealed record SlotTypeValue(string? Id, string Value, IReadOnlyList<string> Synonyms);

public sealed record DialogIntent(string Name, bool ConfirmationRequired, string? ConfirmationPrompt, IReadOnlyList<DialogSlot> Slots);

public sealed record DialogSlot(string Name, bool ElicitationRequired, bool ConfirmationRequired, string? ElicitationPrompt, string? ConfirmationPrompt);
