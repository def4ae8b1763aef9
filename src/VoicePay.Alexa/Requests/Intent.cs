using System.Text.Json.Serialization;

namespace VoicePay.Alexa.Requests;

public sealed class Intent
{
    public string Name { get; set; } = string.Empty;

    /// <summary><c>NONE</c>, <c>CONFIRMED</c> or <c>DENIED</c>.</summary>
    public string? ConfirmationStatus { get; set; }

    /// <summary>May be absent on the wire; never null here.</summary>
    public Dictionary<string, Slot> Slots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The value Alexa heard for a slot, or null when the slot is missing or empty.</summary>
    public string? SlotValue(string slotName) =>
        Slots.TryGetValue(slotName, out var slot) && !string.IsNullOrWhiteSpace(slot.Value) ? slot.Value : null;
}

public sealed class Slot
{
    public string Name { get; set; } = string.Empty;

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

public sealed class Resolutions
{
    public List<ResolutionAuthority> ResolutionsPerAuthority { get; set; } = [];
}

public sealed class ResolutionAuthority
{
    public string? Authority { get; set; }

    public ResolutionStatus? Status { get; set; }

    public List<ResolutionValueWrapper>? Values { get; set; }
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
public sealed class SlotValue
{
    public string? Type { get; set; }

    public string? Value { get; set; }

    public Resolutions? Resolutions { get; set; }

    public List<SlotValue>? Values { get; set; }
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
