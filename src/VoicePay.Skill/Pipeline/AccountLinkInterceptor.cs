using Microsoft.Extensions.Logging;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Alerts;

namespace VoicePay.Skill.Pipeline;

/// <summary>
/// Keeps the alert link in step with account linking during use, for people whose account-linked event
/// never arrived (or arrived when the bank was down):
/// a launch with an access token and no link links them; any request without a token from a linked
/// person unlinks them (they unlinked in the Alexa app, and alerts must stop).
/// </summary>
/// <remarks>
/// Cheap on the launch path: with a token, one store read, and a bank call only while the person is not linked yet,
/// bounded by <see cref="BankTimeout"/>; without one, nothing before the answer (the unlink runs after it,
/// <see cref="AfterResponse"/>). Nothing here can fail or noticeably delay the turn: every
/// failure is logged and the request goes on. Skill events are left to their handlers: they carry no
/// session and often no token, which says nothing about linking; so are name-free queries (<c>CanFulfillIntentRequest</c>).
/// </remarks>
public sealed partial class AccountLinkInterceptor(
    AccountLinker linker,
    ILogger<AccountLinkInterceptor> logger,
    IAlertStore store) : IRequestInterceptor
{
    /// <summary>How long a launch waits for the bank to say whose token it is; the next launch tries again.</summary>
    public static readonly TimeSpan BankTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long the unlink after a tokenless answer may take; the next tokenless request tries again.</summary>
    public static readonly TimeSpan AfterResponseTimeout = TimeSpan.FromSeconds(2);

    public async Task ProcessAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        // A name-free query acts on nothing (the person did not address Voice Pay), so it neither links nor unlinks.
        if (input.Request is SkillEventRequest or CanFulfillIntentRequest)
        {
            return;
        }

        if (input.AccessToken is null)
        {
            // Nothing in the answer depends on it: after the answer, so a tokenless launch (the most common cold
            // start) touches no store before it answers (bench/README.md).
            input.AfterResponse.Add(() => UnlinkAfterResponseAsync(input));
        }
        else if (input.Request is LaunchRequest)
        {
            await LinkAsync(input, input.AccessToken, store, linker, cancellationToken);
        }
    }

    private async Task UnlinkAfterResponseAsync(HandlerInput input)
    {
        using var bounded = new CancellationTokenSource(AfterResponseTimeout);
        try
        {
            await UnlinkAsync(input, store, bounded.Token);
        }
        catch (OperationCanceledException ex)
        {
            LogFailed(logger, "unlink", ex.GetType().Name, input.RequestId, ex);
        }
    }

    private async Task UnlinkAsync(HandlerInput input, IAlertStore alerts, CancellationToken cancellationToken)
    {
        try
        {
            // One conditional write: only a link to a customer older than this request goes. A replay of a tokenless
            // request from before a new link (it may come back within the replay window, and a tokenless launch is not
            // claimed: RequestReplay.CanAct) cannot undo that link; a subscription alone is left as it is.
            if (await alerts.UnlinkAsync(input.UserId, input.Request.Timestamp, cancellationToken))
            {
                LogUnlinked(logger, input.RequestId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "unlink", ex.GetType().Name, input.RequestId, ex);
        }
    }

    private async Task LinkAsync(HandlerInput input, string accessToken, IAlertStore alerts, AccountLinker accountLinker, CancellationToken cancellationToken)
    {
        try
        {
            if (await alerts.GetLinkAsync(input.UserId, cancellationToken) is { CustomerId: not null })
            {
                return;
            }

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(BankTimeout);
            await accountLinker.LinkAsync(input.UserId, accessToken, bounded.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "link", ex.GetType().Name, input.RequestId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} has no access token: removed the person's alert link (they unlinked)")]
    private static partial void LogUnlinked(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Action} the person for alerts ({ExceptionType}, request {RequestId}); the request goes on")]
    private static partial void LogFailed(ILogger logger, string action, string exceptionType, string requestId, Exception exception);
}
