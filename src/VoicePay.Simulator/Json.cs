using System.Text.Encodings.Web;
using System.Text.Json;

namespace VoicePay.Simulator;

/// <summary>JSON as people read it: indented, with &lt;, &gt;, &amp; and quotes left as they are (no \u003C).</summary>
public static class Json
{
    private static readonly JsonWriterOptions Readable = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(ReadOnlySpan<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json.ToArray());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
