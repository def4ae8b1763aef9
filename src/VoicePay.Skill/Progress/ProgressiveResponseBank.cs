using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Apis.Directives;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Progress;

/// <summary>
/// Wraps the bank: when a call made during a turn has not answered within <see cref="ProgressiveResponseOptions.Delay"/>,
/// the person hears "One moment while I check with your bank" through the Progressive Response API, once per
/// turn. The directive runs beside the bank call with its own deadline; the turn never waits for it and
/// never sees its failures (they are logged). Nothing is sent for requests without an apiEndpoint and
/// apiAccessToken, for request types other than LaunchRequest and IntentRequest (the only ones Amazon
/// allows progressive responses for), or to a non-https endpoint. The directive client is asked for on
/// first use only: building an HttpClient at start-up would add to the Lambda's cold start.
/// </summary>
public sealed partial class ProgressiveResponseBank(
    IPaymentsApi inner,
    Func<DirectiveServiceClient> directives,
    IOptions<ProgressiveResponseOptions> options,
    TimeProvider time,
    ILogger<ProgressiveResponseBank> logger) : IPaymentsApi
{
    public Task<BankResult<BankCustomer>> GetCustomerAsync(string accessToken, CancellationToken cancellationToken) =>
        Watch(inner.GetCustomerAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Account>>> GetAccountsAsync(string accessToken, CancellationToken cancellationToken) =>
        Watch(inner.GetAccountsAsync(accessToken, cancellationToken));

    public Task<BankResult<IReadOnlyList<Payee>>> GetPayeesAsync(string accessToken, CancellationToken cancellationToken) =>
        Watch(inner.GetPayeesAsync(accessToken, cancellationToken));

    public Task<BankResult<TransactionPage>> GetTransactionsAsync(string accessToken, TransactionQuery query, CancellationToken cancellationToken) =>
        Watch(inner.GetTransactionsAsync(accessToken, query, cancellationToken));

    public Task<BankResult<TransferReceipt>> SendTransferAsync(string accessToken, TransferRequest transfer, CancellationToken cancellationToken) =>
        Watch(inner.SendTransferAsync(accessToken, transfer, cancellationToken));

    public Task<BankResult<TransferReceipt>> GetTransferAsync(string accessToken, string transferId, CancellationToken cancellationToken) =>
        Watch(inner.GetTransferAsync(accessToken, transferId, cancellationToken));

    public Task<BankResult<TransferReceipt>> FindTransferAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        Watch(inner.FindTransferAsync(accessToken, idempotencyKey, cancellationToken));

    public Task<BankResult<VerificationCode>> SendVerificationCodeAsync(string accessToken, string idempotencyKey, CancellationToken cancellationToken) =>
        Watch(inner.SendVerificationCodeAsync(accessToken, idempotencyKey, cancellationToken));

    public Task<BankResult<CodeCheck>> CheckVerificationCodeAsync(string accessToken, string codeId, string code, string idempotencyKey, CancellationToken cancellationToken) =>
        Watch(inner.CheckVerificationCodeAsync(accessToken, codeId, code, idempotencyKey, cancellationToken));

    private async Task<T> Watch<T>(Task<T> call)
    {
        var settings = options.Value;
        if (call.IsCompleted || !settings.Enabled || CurrentTurn.Input is not { } turn || Target(turn, settings) is not { } target)
        {
            return await call.ConfigureAwait(false);
        }

        using (var stopWaiting = new CancellationTokenSource())
        {
            var waited = Task.Delay(settings.Delay, time, stopWaiting.Token);
            if (await Task.WhenAny(call, waited).ConfigureAwait(false) == waited && turn.TryClaimProgressiveResponse())
            {
                // Not awaited: the bank's answer, not the directive's, decides when the turn goes on.
                _ = SpeakAsync(turn, target, settings.Timeout);
            }

            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }

        return await call.ConfigureAwait(false);
    }

    private static (Uri Endpoint, string Token)? Target(HandlerInput turn, ProgressiveResponseOptions settings)
    {
        var system = turn.Envelope.Context?.System;
        return turn.Request is LaunchRequest or IntentRequest
            && system?.ApiAccessToken is { Length: > 0 } token
            && DirectiveServiceClient.TryGetEndpoint(system.ApiEndpoint, settings.AllowLoopbackHttp, out var endpoint)
            && turn.Request.RequestId is { Length: > 0 }
            ? (endpoint, token)
            : null;
    }

    private async Task SpeakAsync(HandlerInput turn, (Uri Endpoint, string Token) target, TimeSpan timeout)
    {
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            var accepted = await directives().SpeakAsync(target.Endpoint, target.Token, turn.RequestId, turn.Speech.Say(SpeechKeys.CheckingWithBank), deadline.Token).ConfigureAwait(false);
            if (accepted)
            {
                LogSent(logger, turn.RequestId);
            }
            else
            {
                LogRefused(logger, turn.RequestId);
            }
        }
#pragma warning disable CA1031 // A progressive response is a courtesy: whatever goes wrong with it must not reach the turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, turn.RequestId, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent a progressive response for {RequestId}")]
    private static partial void LogSent(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directive service refused the progressive response for {RequestId}")]
    private static partial void LogRefused(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the progressive response for {RequestId} ({ExceptionType})")]
    private static partial void LogFailed(ILogger logger, string requestId, string exceptionType);
}
