using VoicePay.Alexa.Requests;
using VoicePay.Lambda;
using VoicePay.Skill.Pipeline;

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
        // pipeline's bytes, unserialized again, so a replay is answered byte for byte. The bootstrap disposes the
        // response stream once it has posted it, before it asks for the next event: that is when the turn's
        // after-work runs (Lambda freezes the process only at the next request for an event).
        return LambdaBootstrapBuilder
            .Create(async (input, context) =>
            {
                var after = new AfterResponse();
                return new ThenRun(await function.HandleAsync(serializer.Deserialize<SkillRequest>(input), context, after), after);
            })
            .UseInitializer(function.InitializeAsync)
            .ConfigureOptions(o => o.LogWriter = logs);
    }
}

/// <summary>The response's bytes; disposing it (after it was posted) runs the turn's after-work.</summary>
internal sealed class ThenRun(byte[] response, AfterResponse after) : MemoryStream(response, writable: false)
{
    private int ran;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref ran, 1) == 0)
        {
            await after.RunAsync();
        }
    }
}
