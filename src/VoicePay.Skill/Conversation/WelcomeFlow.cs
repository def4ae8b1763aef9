using VoicePay.Skill.Banking;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// "Alexa, open Voice Pay": first the news (an action an earlier session left waiting for its PIN,
/// transfers whose outcome was unknown, alerts waiting), then the welcome, and the person's payees
/// taught to Alexa for this session (dynamic entities).
/// </summary>
public sealed class WelcomeFlow(
    ConfirmedActions confirmed,
    LegacyUnresolvedTransfer legacy,
    ITransferJournal journal,
    TransferProcessor processor,
    AlertsReply alerts,
    IPaymentsApi bank,
    TimeProvider time)
{
    public async Task<Phase> WelcomeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var (input, reply) = (turn.Input, turn.Reply);
        if (input.AccessToken is { } token)
        {
            // Nothing before the PIN names an amount or a payee: only that it wasn't done.
            if (await confirmed.FindAsync(input.UserId, cancellationToken) is { } left)
            {
                await DropAsync(turn, left, cancellationToken);
            }

            await legacy.ImportAsync(input.UserId, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var entry in (await journal.UnresolvedAsync(input.UserId, cancellationToken)).Where(e => e.IsInDoubt(now)))
            {
                reply.Say(OutcomeSpeech.Later(input, await processor.ReportAsync(token, entry, input.Turn, cancellationToken)));
            }

            reply.Say(await alerts.WaitingAsync(input, cancellationToken));
            var payees = await bank.GetPayeesAsync(token, cancellationToken);
            if (payees.IsSuccess && payees.Value!.Count > 0)
            {
                reply.Directive(PayeeEntities.For(payees.Value));
            }
        }

        Greet(turn);
        return Phase.Idle;
    }

    /// <summary>The welcome's words alone (also what "repeat" says right after it).</summary>
    public static void Greet(TurnContext turn) =>
        turn.Reply.Ask(turn.Input.Speech.Say(SpeechKeys.Welcome), SpeechKeys.WelcomeReprompt);

    /// <summary>
    /// An action confirmed in an earlier session that never got its PIN: cancelled, and said so. If the
    /// payment reached the journal after all, its outcome is the news instead; the record goes only once
    /// something was said of it.
    /// </summary>
    private async Task DropAsync(TurnContext turn, ConfirmedAction left, CancellationToken cancellationToken)
    {
        if (left.Kind == ConfirmedActionKind.Forget)
        {
            turn.Reply.Say(SpeechKeys.CarriedForgetNotDone);
        }
        else if (left.Transfer is { } transfer && !await processor.AbandonAsync(turn.UserId, transfer, cancellationToken)
            && await journal.FindAsync(turn.UserId, transfer.IdempotencyKey, cancellationToken) is { } entry)
        {
            if (entry.IsSettled)
            {
                turn.Reply.Say(OutcomeSpeech.Later(turn.Input, await processor.ReportAsync(string.Empty, entry, turn.Input.Turn, cancellationToken)));
            }
            else if (!entry.IsInDoubt(time.GetUtcNow()))
            {
                // A call under way in another request: its outcome is told by that request, or at a later launch.
                return;
            }

            // In doubt: the journal's news that follows speaks of it.
        }
        else
        {
            turn.Reply.Say(SpeechKeys.CarriedPaymentNotSent);
        }

        await confirmed.DropAsync(turn.UserId, cancellationToken);
    }
}
