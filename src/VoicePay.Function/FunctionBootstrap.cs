using VoicePay.Alexa.Requests;
using VoicePay.Lambda;

namespace VoicePay.Function;

/// <summary>The function's wiring to the runtime, shared by Program.cs and the tests that run it in-process.</summary>
public static class FunctionBootstrap
{
    /// <param name="function">Initialized once by the runtime, then handles every event.</param>
    /// <param name="logs">The writer the function's own logging was given: runtime and application lines share it.</param>
    public static LambdaBootstrapBuilder Create(SkillFunction function, LambdaLogWriter logs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(logs);
        var serializer = new AlexaLambdaSerializer();

        // The request is read like any typed event (a bad body is InvalidEventBody); the response goes out as the
        // pipeline's bytes, unserialized again, so a replay is answered byte for byte.
        return LambdaBootstrapBuilder
            .Create(async (input, context) =>
                new MemoryStream(await function.HandleAsync(serializer.Deserialize<SkillRequest>(input), context), writable: false))
            .UseInitializer(function.InitializeAsync)
            .ConfigureOptions(o => o.LogWriter = logs);
    }
}
