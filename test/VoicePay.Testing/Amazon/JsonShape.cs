using System.Globalization;
using System.Text.Json;

namespace VoicePay.Testing.Amazon;

/// <summary>Strict checks of a JSON body against a documented shape: every problem is named with its path.</summary>
internal sealed class JsonShape(List<string> problems)
{
    /// <summary>An object with exactly these keys: all of <paramref name="required"/>, any of <paramref name="optional"/>, nothing else.</summary>
    public bool Object(JsonElement element, string path, string[] required, params string[] optional)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} must be an object, was {element.ValueKind}");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!required.Contains(property.Name, StringComparer.Ordinal) && !optional.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"{path}.{property.Name} is not in the documented schema");
            }
        }

        var complete = true;
        foreach (var name in required)
        {
            if (!element.TryGetProperty(name, out _))
            {
                problems.Add($"{path}.{name} is required");
                complete = false;
            }
        }

        return complete;
    }

    public string? String(JsonElement parent, string name, string path, params string[] allowed)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add($"{path}.{name} must be a non-empty string");
            return null;
        }

        if (allowed.Length > 0 && !allowed.Contains(text, StringComparer.Ordinal))
        {
            problems.Add($"{path}.{name} is '{text}', allowed: {string.Join(", ", allowed)}");
        }

        return text;
    }

    public DateTimeOffset? Timestamp(JsonElement parent, string name, string path)
    {
        var text = String(parent, name, path);
        if (text is null)
        {
            return null;
        }

        // ISO 8601 in UTC, as Amazon's examples ("2018-06-18T22:10:01.00Z").
        if (!text.EndsWith('Z') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            problems.Add($"{path}.{name} '{text}' is not an ISO 8601 UTC timestamp");
            return null;
        }

        return at;
    }

    public void Integer(JsonElement parent, string name, string path, int minimum)
    {
        if (parent.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum))
        {
            problems.Add($"{path}.{name} must be an integer >= {minimum}");
        }
    }
}
