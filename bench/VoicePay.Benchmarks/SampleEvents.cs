using System.Text.Json.Nodes;

namespace VoicePay.Benchmarks;

/// <summary>
/// The sample envelopes from events/, as UTF-8 bytes: what Alexa would POST. Edits happen once,
/// here, so that every measured operation parses real bytes rather than a prepared object.
/// </summary>
internal static class SampleEvents
{
    public static byte[] Bytes(string name)
    {
        using var stream = typeof(SampleEvents).Assembly.GetManifestResourceStream($"events/{name}")
            ?? throw new InvalidOperationException($"events/{name} is not embedded in the benchmark assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The same envelope after <paramref name="edit"/>, e.g. without the account-linking token.</summary>
    public static byte[] Edited(string name, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(Bytes(name)) ?? throw new InvalidOperationException($"events/{name} is empty.");
        edit(root);
        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static void RemoveAccessTokens(JsonNode envelope)
    {
        envelope["session"]!["user"]!.AsObject().Remove("accessToken");
        envelope["context"]!["System"]!["user"]!.AsObject().Remove("accessToken");
    }

    public static void SetSlot(JsonNode envelope, string slot, string value) =>
        envelope["request"]!["intent"]!["slots"]![slot]!["value"] = value;
}
