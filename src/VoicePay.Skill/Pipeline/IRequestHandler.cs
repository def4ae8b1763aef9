using VoicePay.Alexa.Responses;

namespace VoicePay.Skill.Pipeline;

/// <summary>The ASK SDK's handler shape: the first handler whose <see cref="CanHandle"/> is true answers.</summary>
public interface IRequestHandler
{
    bool CanHandle(HandlerInput input);

    Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken);
}

/// <summary>Runs before the handler, for example to load state.</summary>
public interface IRequestInterceptor
{
    Task ProcessAsync(HandlerInput input, CancellationToken cancellationToken);
}

/// <summary>Runs after the handler, for example to copy session attributes onto the response.</summary>
public interface IResponseInterceptor
{
    Task ProcessAsync(HandlerInput input, SkillResponse response, CancellationToken cancellationToken);
}

/// <summary>Turns an exception thrown by a handler into a spoken answer.</summary>
public interface IExceptionHandler
{
    bool CanHandle(HandlerInput input, Exception exception);

    Task<SkillResponse> HandleAsync(HandlerInput input, Exception exception, CancellationToken cancellationToken);
}
