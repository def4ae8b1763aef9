using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePay.Alexa.Json;

/// <summary>
/// Alexa sends ISO-8601 text; some tools and older payloads send Unix epoch numbers
/// (seconds or milliseconds). Both are accepted; ISO-8601 is written.
/// </summary>
public sealed class AlexaTimestampConverter : JsonConverter<DateTimeOffset>
{
    // Epoch values above this are milliseconds: 1e11 seconds is the year 5138.
    private const long MillisecondThreshold = 100_000_000_000;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var epoch))
        {
            return FromEpoch(epoch);
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
            {
                return FromEpoch(epoch);
            }
        }

        throw new AlexaJsonException("The request 'timestamp' must be ISO-8601 text or a Unix epoch number.");
    }

    // DateTimeOffset ends in the year 9999: a larger epoch (or a negative one before year 1) is not a time.
    private static DateTimeOffset FromEpoch(long epoch)
    {
        var valid = epoch >= MillisecondThreshold
            ? epoch <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            : epoch >= DateTimeOffset.MinValue.ToUnixTimeSeconds();
        if (!valid)
        {
            throw new AlexaJsonException("The request 'timestamp' is a Unix epoch number outside the years 1 to 9999.");
        }

        return epoch >= MillisecondThreshold
            ? DateTimeOffset.FromUnixTimeMilliseconds(epoch)
            : DateTimeOffset.FromUnixTimeSeconds(epoch);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture));
}
