using System.Text.Json.Serialization;

namespace VoicePay.Alexa.Requests;

public sealed class Intent : IJsonOnDeserialized
{
    public string Name { get; set => field = value ?? string.Empty; } = string.Empty;

    /// <summary><c>NONE</c>, <c>CONFIRMED</c> or <c>DENIED</c>.</summary>
    public string? ConfirmationStatus { get; set; }

    /// <summary>May be absent or null on the wire (and slots may be null); never null here, nor any slot in it.</summary>
    public Dictionary<string, Slot> Slots { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    /// <summary>The value Alexa heard for a slot, or null when the slot is missing or empty.</summary>
    public string? SlotValue(string slotName) =>
        Slots.TryGetValue(slotName, out var slot) && !string.IsNullOrWhiteSpace(slot.Value) ? slot.Value : null;

    void IJsonOnDeserialized.OnDeserialized()
    {
        foreach (var (name, slot) in Slots)
        {
            if (slot is null)
            {
                Slots.Remove(name);
            }
        }
    }
}

public sealed class Slot
{
    public string Name { get; set => field = value ?? string.Empty; } = string.Empty;

    public string? Value { get; set; }

    public string? ConfirmationStatus { get; set; }

    public string? Source { get; set; }

    public Resolutions? Resolutions { get; set; }

    public SlotValue? SlotValue { get; set; }

    /// <summary>
    /// The first entity-resolution match (<c>ER_SUCCESS_MATCH</c>) across authorities, static or dynamic.
    /// </summary>
    [JsonIgnore]
    public ResolvedValue? FirstMatch
    {
        get
        {
            foreach (var authority in Resolutions?.ResolutionsPerAuthority ?? [])
            {
                if (authority.Status?.Code == ResolutionStatusCodes.Match && authority.Values is { Count: > 0 } values)
                {
                    return values[0].Value;
                }
            }

            return null;
        }
    }
}

public sealed class Resolutions : IJsonOnDeserialized
{
    /// <summary>Never null, nor any element.</summary>
    public List<ResolutionAuthority> ResolutionsPerAuthority { get; set => field = value ?? []; } = [];

    void IJsonOnDeserialized.OnDeserialized() => ResolutionsPerAuthority.RemoveAll(a => a is null);
}

public sealed class ResolutionAuthority : IJsonOnDeserialized
{
    public string? Authority { get; set; }

    public ResolutionStatus? Status { get; set; }

    /// <summary>Null when absent; when present, no element is null.</summary>
    public List<ResolutionValueWrapper>? Values { get; set; }

    void IJsonOnDeserialized.OnDeserialized() => Values?.RemoveAll(v => v is null);
}

public sealed class ResolutionStatus
{
    /// <summary><c>ER_SUCCESS_MATCH</c>, <c>ER_SUCCESS_NO_MATCH</c>, <c>ER_ERROR_TIMEOUT</c> or <c>ER_ERROR_EXCEPTION</c>.</summary>
    public string? Code { get; set; }
}

public sealed class ResolutionValueWrapper
{
    public ResolvedValue? Value { get; set; }
}

public sealed class ResolvedValue
{
    public string? Name { get; set; }

    public string? Id { get; set; }
}

/// <summary>The newer <c>slotValue</c> shape: <c>Simple</c> or <c>List</c> (multiple values).</summary>
public sealed class SlotValue : IJsonOnDeserialized
{
    public string? Type { get; set; }

    public string? Value { get; set; }

    public Resolutions? Resolutions { get; set; }

    /// <summary>Null when absent; when present, no element is null.</summary>
    public List<SlotValue>? Values { get; set; }

    void IJsonOnDeserialized.OnDeserialized() => Values?.RemoveAll(v => v is null);
}

public static class ResolutionStatusCodes
{
    public const string Match = "ER_SUCCESS_MATCH";
    public const string NoMatch = "ER_SUCCESS_NO_MATCH";
}

public static class ConfirmationStatuses
{
    public const string None = "NONE";
    public const string Confirmed = "CONFIRMED";
    public const string Denied = "DENIED";
}

public static class DialogStates
{
    public const string Started = "STARTED";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
}
