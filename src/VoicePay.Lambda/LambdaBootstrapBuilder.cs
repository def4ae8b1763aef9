using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>Builds a <see cref="LambdaBootstrap"/> from a raw or typed handler, as in Amazon.Lambda.RuntimeSupport.</summary>
public sealed class LambdaBootstrapBuilder
{
    private readonly Func<Stream, ILambdaContext, Task<Stream>> _handler;
    private readonly LambdaBootstrapOptions _options = new();
    private Func<CancellationToken, Task>? _initializer;

    private LambdaBootstrapBuilder(Func<Stream, ILambdaContext, Task<Stream>> handler) => _handler = handler;

    /// <summary>A handler of raw bodies: the event as a stream in, the response as a stream out.</summary>
    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<Stream>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new LambdaBootstrapBuilder(handler);
    }

    /// <summary>
    /// A typed handler. A body that <paramref name="serializer"/> cannot read (or that is JSON null) is reported as
    /// errorType <c>InvalidEventBody</c> without calling the handler.
    /// </summary>
    public static LambdaBootstrapBuilder Create<TRequest, TResponse>(
        Func<TRequest, ILambdaContext, Task<TResponse>> handler,
        ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new LambdaBootstrapBuilder(async (input, context) =>
        {
            var request = Read<TRequest>(serializer, input);
            var response = await handler(request, context);
            var output = new MemoryStream();
            serializer.Serialize(response, output);
            output.Position = 0;
            return output;
        });
    }

    /// <summary>A typed handler with no response (Lambda gets an empty body).</summary>
    public static LambdaBootstrapBuilder Create<TRequest>(Func<TRequest, ILambdaContext, Task> handler, ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return new LambdaBootstrapBuilder(async (input, context) =>
        {
            await handler(Read<TRequest>(serializer, input), context);
            return Stream.Null;
        });
    }

    /// <summary>Work done once before the first event (configuration, clients); a failure goes to <c>/runtime/init/error</c>.</summary>
    public LambdaBootstrapBuilder UseInitializer(Func<CancellationToken, Task> initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        _initializer = initializer;
        return this;
    }

    public LambdaBootstrapBuilder ConfigureOptions(Action<LambdaBootstrapOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Where the runtime's own log lines go (default: stdout in Lambda's text format).</summary>
    public LambdaBootstrapBuilder UseRuntimeLogger(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _options.RuntimeLogger = logger;
        return this;
    }

    public LambdaBootstrap Build() => new(_handler, _initializer, _options);

    private static TRequest Read<TRequest>(ILambdaSerializer serializer, Stream input)
    {
        TRequest request;
        try
        {
            request = serializer.Deserialize<TRequest>(input);
        }
        catch (InvalidEventBodyException)
        {
            // The serializer said why in its own words (which, like ours, must never quote the payload).
            throw;
        }
        catch (Exception ex)
        {
            throw InvalidEventBodyException.From(typeof(TRequest).Name, ex);
        }

        return request ?? throw new InvalidEventBodyException($"The event body is not a valid {typeof(TRequest).Name}: it is empty or null.");
    }
}
