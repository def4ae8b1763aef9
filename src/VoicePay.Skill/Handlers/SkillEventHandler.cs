using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// A handler for one skill lifecycle event. Alexa expects an empty response to an event (nothing is
/// spoken: the person is in the Alexa app, not talking to a device), so the subclass only does its work.
/// </summary>
public abstract class SkillEventHandler<TEvent>(string requestType) : IRequestHandler, ISkillEventHandler
    where TEvent : SkillEventRequest
{
    public string RequestType { get; } = requestType;

    public bool CanHandle(HandlerInput input) => input.Request is TEvent;

    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        await HandleAsync(input, (TEvent)input.Request, cancellationToken);
        return ResponseBuilder.Create().Build();
    }

    protected abstract Task HandleAsync(HandlerInput input, TEvent skillEvent, CancellationToken cancellationToken);
}

/// <summary>What the deployment tests hold against <c>skill.json</c>'s event subscriptions.</summary>
public interface ISkillEventHandler
{
    /// <summary>The <c>AlexaSkillEvent.*</c> request type this handler answers.</summary>
    string RequestType { get; }
}
