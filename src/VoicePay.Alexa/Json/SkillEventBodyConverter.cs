using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VoicePay.Alexa.Requests;

namespace VoicePay.Alexa.Json;

/// <summary>
/// Reads a skill event's body by hand: anything but an object is no body, and a field of the wrong type
/// is absent. Writes it with the source-generated metadata.
/// </summary>
public sealed class SkillEventBodyConverter<T> : JsonConverter<T>
    where T : class, ISkillEventBody<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Parsing the value also enforces the reader's depth limit: a deep bomb is still a format error.
        var body = JsonElement.ParseValue(ref reader);
        return body.ValueKind == JsonValueKind.Object ? T.Read(body) : null;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)AlexaJsonContext.Default.GetTypeInfo(typeof(T))!);
}

/// <summary>Lenient reads from a JSON object: wrong types and blanks are absent.</summary>
internal static class LenientJson
{
    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Identifiers.OrNull(value.GetString()) : null;

    /// <summary>The string <paramref name="field"/> of each object in the array <paramref name="name"/>; other elements are skipped.</summary>
    public static IEnumerable<string> Strings(JsonElement obj, string name, string field)
    {
        if (!obj.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && String(item, field) is { } value)
            {
                yield return value;
            }
        }
    }
}

/// <summary>An optional timestamp: ISO-8601 text or an epoch number as <see cref="AlexaTimestampConverter"/> reads them; anything else is null.</summary>
public sealed class LenientTimestampConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly AlexaTimestampConverter Strict = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            reader.Skip();
            return null;
        }

        try
        {
            return Strict.Read(ref reader, typeof(DateTimeOffset), options);
        }
        catch (AlexaJsonException)
        {
            return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            Strict.Write(writer, time, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
