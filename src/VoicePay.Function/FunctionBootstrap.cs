using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
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
        return LambdaBootstrapBuilder
            .Create<SkillRequest, SkillResponse>(function.HandleAsync, new AlexaLambdaSerializer())
            .UseInitializer(function.InitializeAsync)
            .ConfigureOptions(o => o.LogWriter = logs);
    }
}
