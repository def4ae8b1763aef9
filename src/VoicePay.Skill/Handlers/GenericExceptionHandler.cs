using Microsoft.Extensions.Options;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Last line of defence: any failure gets an apology that is true. A turn that handed a transfer to
/// the bank says what became of it, or that it can't confirm; only a turn that never called the
/// bank may say that no money was moved (<see cref="OutcomeSpeech.AfterFailure"/>).
/// </summary>
public sealed class GenericExceptionHandler(IOptions<TransferLimits> limits, TimeProvider time) : IExceptionHandler
{
    public bool CanHandle(HandlerInput input, Exception exception) => exception is not OperationCanceledException || input.Turn.CalledBankFor is not null;

    public Task<SkillResponse> HandleAsync(HandlerInput input, Exception exception, CancellationToken cancellationToken) =>
        Task.FromResult(OutcomeSpeech.AfterFailure(input, limits.Value, time));
}
