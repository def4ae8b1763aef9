using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VoicePay.Lambda;

/// <summary>
/// An <see cref="ILambdaSerializer"/> over a System.Text.Json source-generated context: no reflection, safe for Native AOT.
/// Every request and response type must be declared on the context with <c>[JsonSerializable]</c>.
/// </summary>
/// <remarks>
/// Takes the context instance (usually <c>MyContext.Default</c>) rather than creating one, so the options of
/// <c>[JsonSourceGenerationOptions]</c> (naming policy, converters, ignore conditions) apply as generated.
/// </remarks>
public class SourceGeneratorLambdaJsonSerializer<TContext> : ILambdaSerializer
    where TContext : JsonSerializerContext
{
    public SourceGeneratorLambdaJsonSerializer(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    public TContext Context { get; }

    /// <exception cref="JsonException">The stream is not valid JSON for <typeparamref name="T"/>.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not declared on the context.</exception>
    public T Deserialize<T>(Stream requestStream)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        return JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;
    }

    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not declared on the context.</exception>
    public void Serialize<T>(T response, Stream responseStream)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());
    }

    private JsonTypeInfo<T> TypeInfo<T>() =>
        Context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            $"{typeof(T).Name} is not declared on {typeof(TContext).Name}; add [JsonSerializable(typeof({typeof(T).Name}))].");
}
