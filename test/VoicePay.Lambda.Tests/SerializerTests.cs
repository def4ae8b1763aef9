using System.Text;
using System.Text.Json;

namespace VoicePay.Lambda.Tests;

public sealed class SerializerTests
{
    private readonly SourceGeneratorLambdaJsonSerializer<TestJsonContext> _serializer = new(TestJsonContext.Default);

    [Fact]
    public void Round_trips_a_type_declared_on_the_context_with_its_naming_policy()
    {
        using var written = new MemoryStream();
        _serializer.Serialize(new Reply("Sent 20 dollars to Sam."), written);

        Assert.Equal("""{"text":"Sent 20 dollars to Sam."}""", Encoding.UTF8.GetString(written.ToArray()));
        written.Position = 0;
        Assert.Equal(new Reply("Sent 20 dollars to Sam."), _serializer.Deserialize<Reply>(written));
    }

    [Fact]
    public void A_type_missing_from_the_context_is_named_in_the_error()
    {
        using var body = new MemoryStream("{}"u8.ToArray());

        var error = Assert.Throws<InvalidOperationException>(() => _serializer.Deserialize<Uri>(body));

        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(TestJsonContext), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_throws_a_JsonException()
    {
        using var body = new MemoryStream("{\"name\":"u8.ToArray());

        Assert.ThrowsAny<JsonException>(() => _serializer.Deserialize<Greeting>(body));
    }
}
