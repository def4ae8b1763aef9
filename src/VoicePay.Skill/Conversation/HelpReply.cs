using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// What Voice Pay can do. The payment example names one of the person's own payees, because a
/// name they don't have ("Alice") would only fail when tried; without payees known (no linked
/// account, the bank unreachable, none set up) the example names nobody.
/// </summary>
public sealed class HelpReply(IPaymentsApi bank)
{
    public async Task BuildAsync(Reply reply, CancellationToken cancellationToken)
    {
        var speech = reply.Input.Speech;
        var said = await ExamplePayeeAsync(reply, cancellationToken) is { } payee
            ? speech.Say(SpeechKeys.Help, payee)
            : speech.Say(SpeechKeys.HelpNoPayee);
        reply.Ask(said, SpeechKeys.HelpReprompt);
    }

    private async Task<string?> ExamplePayeeAsync(Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Input.AccessToken is not { } token)
        {
            return null;
        }

        var payees = await bank.GetPayeesAsync(token, cancellationToken);
        return payees.IsSuccess && payees.Value!.Count > 0 ? payees.Value[0].DisplayName : null;
    }
}
