using System.Text.Json.Serialization;

namespace VoicePay.Lambda.Tests;

public sealed record Greeting(string Name);

public sealed record Reply(string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Reply))]
public sealed partial class TestJsonContext : JsonSerializerContext;
