using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// What Voice Pay can do. The payment example names one of the person's own payees, because a
/// name they don't have ("Alice") would only fail when tried; without payees known (no linked
/// account, the bank unreachable, none set up) the example names nobody.
/// </summary>
public sealed class HelpReply(IPaymentsApi bank)
{
    public async Task<SkillResponse> BuildAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var speech = input.Speech;
        var said = await ExamplePayeeAsync(input, cancellationToken) is { } payee
            ? speech.Say(SpeechKeys.Help, payee)
            : speech.Say(SpeechKeys.HelpNoPayee);
        return ResponseBuilder.Create().Speak(said).Reprompt(speech.Say(SpeechKeys.HelpReprompt)).Build();
    }

    private async Task<string?> ExamplePayeeAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        if (input.AccessToken is not { } token)
        {
            return null;
        }

        var payees = await bank.GetPayeesAsync(token, cancellationToken);
        return payees.IsSuccess && payees.Value!.Count > 0 ? payees.Value[0].DisplayName : null;
    }
}
