using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;

namespace VoicePay.Simulator;

/// <summary>What Alexa understood: an intent and its filled slots, as they would travel in the request.</summary>
/// <param name="IntentName">The intent, <see cref="BuiltInIntents.Fallback"/> when nothing matched.</param>
/// <param name="Slots">Every slot the intent declares; unfilled ones have no value.</param>
/// <param name="Sample">The sample utterance that matched, for --show-json and tests.</param>
public sealed record Understanding(string IntentName, IReadOnlyDictionary<string, Slot> Slots, string? Sample)
{
    public string? Value(string slot) => Slots.TryGetValue(slot, out var s) ? s.Value : null;
}

/// <summary>
/// Resolves a typed utterance the way Alexa's recognizer would, from the interaction model alone:
/// sample utterances with {Slot} placeholders, built-in number slots from spoken numbers, date words
/// resolved against the resolver's clock as <c>AMAZON.DATE</c> does (<see cref="SpokenDates"/>), custom
/// slot values and synonyms with entity resolution (static, and dynamic entities the skill sent),
/// the built-in intents; anything else is <see cref="BuiltInIntents.Fallback"/>.
/// </summary>
public sealed class UtteranceResolver
{
    private const int MaxCustomSlotWords = 6;
    private const string Number = "AMAZON.NUMBER";
    private const string Date = "AMAZON.DATE";
    private readonly InteractionModel model;
    private readonly string skillId;
    private readonly TimeProvider time;
    private readonly Dictionary<string, List<DynamicEntity>> dynamicEntities = new(StringComparer.Ordinal);
    private readonly List<(string Intent, IReadOnlyList<string> Tokens, string Sample)> samples = [];

    /// <param name="model">The locale's interaction model.</param>
    /// <param name="skillId">Names the entity-resolution authorities.</param>
    /// <param name="time">What "today" is for date words (the system clock unless given).</param>
    public UtteranceResolver(InteractionModel model, string skillId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.skillId = skillId;
        this.time = time ?? TimeProvider.System;
        foreach (var intent in model.Intents)
        {
            foreach (var sample in intent.Samples)
            {
                samples.Add((intent.Name, Utterances.Tokenize(sample), sample));
            }
        }
    }

    /// <summary>Applies a <c>Dialog.UpdateDynamicEntities</c> directive (REPLACE or CLEAR) for the rest of the session.</summary>
    public void UpdateDynamicEntities(DialogUpdateDynamicEntitiesDirective directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        dynamicEntities.Clear();
        if (string.Equals(directive.UpdateBehavior, "CLEAR", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var type in directive.Types ?? [])
        {
            dynamicEntities[type.Name] = [.. type.Values];
        }
    }

    /// <summary>Dynamic entities live for one session.</summary>
    public void ClearDynamicEntities() => dynamicEntities.Clear();

    /// <summary>
    /// Resolves <paramref name="utterance"/>. While Alexa is eliciting a slot
    /// (<paramref name="elicitIntent"/>, <paramref name="elicitSlot"/>), that slot's own samples
    /// ("{Amount} dollars") are tried first, as Alexa does after <c>Dialog.ElicitSlot</c>.
    /// </summary>
    public Understanding Resolve(string utterance, string? elicitIntent = null, string? elicitSlot = null)
    {
        var tokens = Utterances.Tokenize(utterance);
        if (tokens.Count == 0)
        {
            return Empty(BuiltInIntents.Fallback, null);
        }

        // "stop", "cancel", "help" win over anything else, even mid-dialog.
        if (BuiltInIntents.Match(tokens) is { } builtIn)
        {
            return Empty(builtIn, Utterances.Join(tokens));
        }

        Candidate? best = null;
        if (elicitIntent is not null && elicitSlot is not null && model.Intent(elicitIntent) is { } eliciting && eliciting.Slot(elicitSlot) is { } slot)
        {
            foreach (var sample in slot.Samples)
            {
                Consider(ref best, Match(eliciting, Utterances.Tokenize(sample), sample, tokens, bonus: 2));
            }
        }

        foreach (var (intent, sampleTokens, sample) in samples)
        {
            Consider(ref best, Match(model.Intent(intent)!, sampleTokens, sample, tokens, bonus: 0));
        }

        return best is null ? Empty(BuiltInIntents.Fallback, null) : Build(best);
    }

    private Understanding Empty(string intentName, string? sample) =>
        new(intentName, AllSlots(model.Intent(intentName), new Dictionary<string, Slot>(StringComparer.Ordinal)), sample);

    private static void Consider(ref Candidate? best, Candidate? candidate)
    {
        if (candidate is not null && (best is null || candidate.Score > best.Score))
        {
            best = candidate;
        }
    }

    private Understanding Build(Candidate candidate)
    {
        var filled = new Dictionary<string, Slot>(StringComparer.Ordinal);
        foreach (var (slotName, words) in candidate.Captures)
        {
            filled[slotName] = FillSlot(candidate.Intent.Slot(slotName)!, words);
        }

        return new Understanding(candidate.Intent.Name, AllSlots(candidate.Intent, filled), candidate.Sample);
    }

    private static Dictionary<string, Slot> AllSlots(ModelIntent? intent, Dictionary<string, Slot> filled)
    {
        var all = new Dictionary<string, Slot>(StringComparer.Ordinal);
        foreach (var slot in intent?.Slots ?? [])
        {
            all[slot.Name] = filled.TryGetValue(slot.Name, out var value)
                ? value
                : new Slot { Name = slot.Name, ConfirmationStatus = ConfirmationStatuses.None };
        }

        return all;
    }

    /// <summary>The slot as Alexa fills it: the value heard (numbers as digits), resolutions for custom types.</summary>
    public Slot FillSlot(ModelSlot slot, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(words);
        var heard = Utterances.Join(words);
        var value = slot.Type switch
        {
            "AMAZON.NUMBER" => SpokenNumbers.ParseNumber(words)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? heard,
            "AMAZON.FOUR_DIGIT_NUMBER" => SpokenNumbers.ParseFourDigits(words) ?? heard,
            Date => SpokenDates.Resolve(words, Today) ?? heard,
            _ => heard,
        };
        var resolutions = slot.Type.StartsWith("AMAZON.", StringComparison.Ordinal) ? null : Resolve(slot.Type, heard);
        return new Slot
        {
            Name = slot.Name,
            Value = value,
            ConfirmationStatus = ConfirmationStatuses.None,
            Source = "USER",
            Resolutions = resolutions,
            SlotValue = new SlotValue { Type = "Simple", Value = value, Resolutions = resolutions },
        };
    }

    /// <summary>Entity resolution for a custom type: the dynamic authority first (when the skill sent entities), then the static one.</summary>
    public Resolutions Resolve(string slotType, string heard)
    {
        var authorities = new List<ResolutionAuthority>();
        if (dynamicEntities.TryGetValue(slotType, out var dynamicValues))
        {
            var matches = dynamicValues
                .Where(e => Same(e.Name.Value, heard) || (e.Name.Synonyms ?? []).Any(s => Same(s, heard)))
                .Select(e => new ResolvedValue { Name = e.Name.Value, Id = e.Id })
                .ToList();
            authorities.Add(Authority($"amzn1.er-authority.echo-sdk.dynamic.{skillId}.{slotType}", matches));
        }

        var staticMatches = model.Types.TryGetValue(slotType, out var type)
            ? type.Values.Where(v => Same(v.Value, heard) || v.Synonyms.Any(s => Same(s, heard)))
                .Select(v => new ResolvedValue { Name = v.Value, Id = v.Id ?? v.Value })
                .ToList()
            : [];
        authorities.Add(Authority($"amzn1.er-authority.echo-sdk.{skillId}.{slotType}", staticMatches));
        return new Resolutions { ResolutionsPerAuthority = authorities };
    }

    private static ResolutionAuthority Authority(string name, List<ResolvedValue> matches) => new()
    {
        Authority = name,
        Status = new ResolutionStatus { Code = matches.Count > 0 ? ResolutionStatusCodes.Match : ResolutionStatusCodes.NoMatch },
        Values = matches.Count > 0 ? [.. matches.Select(m => new ResolutionValueWrapper { Value = m })] : null,
    };

    private static bool Same(string a, string heard) =>
        Utterances.Join(Utterances.Tokenize(a)) == heard;

    private bool Resolves(string slotType, string heard) =>
        Resolve(slotType, heard).ResolutionsPerAuthority.Any(a => a.Status?.Code == ResolutionStatusCodes.Match);

    /// <summary>Matches one sample against the tokens; the best way to split the words among its slots.</summary>
    private Candidate? Match(ModelIntent intent, IReadOnlyList<string> sample, string sampleText, IReadOnlyList<string> tokens, int bonus)
    {
        Candidate? best = null;
        var captures = new List<(string, IReadOnlyList<string>)>();
        Walk(0, 0, 0);
        return best;

        void Walk(int s, int t, int score)
        {
            if (s == sample.Count)
            {
                if (t == tokens.Count)
                {
                    var total = score + bonus;
                    if (best is null || total > best.Score)
                    {
                        best = new Candidate(intent, sampleText, [.. captures], total);
                    }
                }

                return;
            }

            var part = sample[s];
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                var slot = intent.Slot(part[1..^1]);
                if (slot is null)
                {
                    return;
                }

                // "{Amount} {Cents}": two numbers side by side split only where a recognizer hears two.
                var afterNumber = slot.Type == Number && s > 0 && sample[s - 1] is ['{', .., '}'] previous
                    && intent.Slot(previous[1..^1])?.Type == Number;
                var longest = Math.Min(tokens.Count - t, slot.Type.StartsWith("AMAZON.", StringComparison.Ordinal) ? 8 : MaxCustomSlotWords);
                for (var length = 1; length <= longest; length++)
                {
                    var words = tokens.Skip(t).Take(length).ToList();
                    if (SlotScore(slot, words) is not { } slotScore || (afterNumber && !SpokenNumbers.AreTwoNumbers(captures[^1].Item2, words)))
                    {
                        continue;
                    }

                    captures.Add((slot.Name, words));
                    Walk(s + 1, t + length, score + slotScore);
                    captures.RemoveAt(captures.Count - 1);
                }

                return;
            }

            if (t < tokens.Count && tokens[t] == part)
            {
                Walk(s + 1, t + 1, score + 3);
            }
        }
    }

    /// <summary>Null when the words cannot fill the slot; otherwise how well they fit.</summary>
    private int? SlotScore(ModelSlot slot, List<string> words) => slot.Type switch
    {
        "AMAZON.NUMBER" => SpokenNumbers.ParseNumber(words) is not null ? 2 : null,
        "AMAZON.FOUR_DIGIT_NUMBER" => SpokenNumbers.ParseFourDigits(words) is not null ? 2 : null,
        Date => SpokenDates.Resolve(words, Today) is not null ? 2 : null,
        _ when slot.Type.StartsWith("AMAZON.", StringComparison.Ordinal) => 1 - words.Count,

        // Custom types take any words (Alexa passes unknown values through, with ER_SUCCESS_NO_MATCH),
        // but a resolved value is the better reading, and fewer words held by a slot is better.
        _ => Resolves(slot.Type, Utterances.Join(words)) ? 2 : 1 - words.Count,
    };

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private sealed record Candidate(ModelIntent Intent, string Sample, List<(string Slot, IReadOnlyList<string> Words)> Captures, int Score);
}
