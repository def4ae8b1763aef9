using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// The person turned Voice Pay's notifications on or off in the Alexa app. Subscribed means the list
/// names <c>AMAZON.MessageAlert.Activated</c>; an empty or missing list (or no body) is unsubscribed.
/// </summary>
public sealed partial class ProactiveSubscriptionChangedEventHandler(
    TimeProvider time,
    ILogger<ProactiveSubscriptionChangedEventHandler> logger,
    IAlertStore store)
    : SkillEventHandler<ProactiveSubscriptionChangedRequest>(RequestTypes.ProactiveSubscriptionChanged)
{
    protected override async Task HandleAsync(HandlerInput input, ProactiveSubscriptionChangedRequest skillEvent, CancellationToken cancellationToken)
    {
        var subscribed = skillEvent.Body?.IsSubscribedTo(ProactiveEventNames.MessageAlertActivated) ?? false;
        await store.SetSubscribedAsync(input.UserId, subscribed, time.GetUtcNow(), cancellationToken);
        LogChanged(logger, subscribed, skillEvent.RequestId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert subscription set to {Subscribed} ({RequestId})")]
    private static partial void LogChanged(ILogger logger, bool subscribed, string? requestId);
}
