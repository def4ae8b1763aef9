using VoicePay.Alexa.Apis.ProactiveEvents;
using VoicePay.Skill.Alerts;

namespace VoicePay.Composition.Alerts;

/// <summary>The skill's <see cref="IAlertNotifier"/> port on the Proactive Events client (VoicePay.Alexa cannot see the skill's ports).</summary>
internal sealed class AlexaAlertNotifier(ProactiveEventsClient client) : IAlertNotifier
{
    public async Task<NotifyOutcome> NotifyAsync(string userId, string referenceId, bool urgent, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        await client.SendAsync(new MessageAlert(userId, referenceId, urgent, occurredAt), cancellationToken).ConfigureAwait(false) switch
        {
            ProactiveEventOutcome.Accepted => NotifyOutcome.Accepted,
            ProactiveEventOutcome.Rejected => NotifyOutcome.Rejected,
            _ => NotifyOutcome.RetryLater,
        };
}
