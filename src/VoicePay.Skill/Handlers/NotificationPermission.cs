using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Alerts;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// What the two permission events share: without the notifications permission Alexa would refuse our
/// notifications, so the person is unsubscribed. Accepting it does not subscribe them: that is
/// their own choice, which comes as a subscription change.
/// </summary>
public sealed partial class NotificationPermission(TimeProvider time, ILogger<NotificationPermission> logger, IAlertStore store)
{
    public async Task ApplyAsync(string userId, PermissionBody? body, string? requestId, CancellationToken cancellationToken)
    {
        // Scopes are names of permissions, not secrets; the consent token is never logged.
        var scopes = body is null
            ? "(none)"
            : string.Join(' ', body.AcceptedPermissions.Concat(body.AcceptedPersonPermissions).Select(p => p.Scope));
        var granted = body?.Accepts(PermissionScopes.NotificationsWrite) ?? false;
        LogScopes(logger, requestId, scopes.Length == 0 ? "(none)" : scopes);
        if (granted)
        {
            return;
        }

        await store.SetSubscribedAsync(userId, subscribed: false, time.GetUtcNow(), cancellationToken);
        LogUnsubscribed(logger, requestId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Permissions accepted now ({RequestId}): {Scopes}")]
    private static partial void LogScopes(ILogger logger, string? requestId, string scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The notifications permission is not granted ({RequestId}): alerts turned off")]
    private static partial void LogUnsubscribed(ILogger logger, string? requestId);
}
