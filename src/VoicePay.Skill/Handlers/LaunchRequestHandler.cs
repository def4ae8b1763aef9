using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// "Alexa, open Voice Pay": first settles any transfer whose outcome was unknown, then welcomes
/// the person and teaches Alexa their payees' names for this session (dynamic entities).
/// </summary>
public sealed class LaunchRequestHandler(
    IPaymentsApi bank,
    ConversationStore conversations,
    TransferSender sender) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is LaunchRequest;

    public async Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var builder = ResponseBuilder.Create();
        var news = Ssml.Empty;
        if (input.AccessToken is { } token)
        {
            news = await SettleUnresolvedAsync(input, token, cancellationToken);
            var payees = await bank.GetPayeesAsync(token, cancellationToken);
            if (payees.IsSuccess && payees.Value!.Count > 0)
            {
                builder.AddDirective(PayeeEntities.For(payees.Value));
            }
        }

        return builder
            .Speak(Ssml.Concat(news, input.Speech.Say(SpeechKeys.Welcome)))
            .Reprompt(input.Speech.Say(SpeechKeys.WelcomeReprompt))
            .Build();
    }

    private async Task<Ssml> SettleUnresolvedAsync(HandlerInput input, string token, CancellationToken cancellationToken)
    {
        if (await conversations.LoadUnresolvedAsync(input.UserId, cancellationToken) is not { } pending)
        {
            return Ssml.Empty;
        }

        var outcome = await sender.ResolveAsync(input.UserId, token, pending, cancellationToken);
        var amount = MoneyText.Format(pending.Money);
        return outcome.Kind switch
        {
            TransferOutcomeKind.Sent => input.Speech.Say(SpeechKeys.UnresolvedWentThrough, amount, pending.PayeeName, Ssml.Characters(PendingActionRunner.ReferenceEnding(outcome.Receipt!.Id))),
            TransferOutcomeKind.Unknown => input.Speech.Say(SpeechKeys.UnresolvedStillUnknown, amount, pending.PayeeName),
            _ => input.Speech.Say(SpeechKeys.UnresolvedDidNotGoThrough, amount, pending.PayeeName),
        };
    }
}
