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
                var outcome = await processor.ReportAsync(token, entry, input.Turn, cancellationToken);
                reply.Say(OutcomeSpeech.Later(input, outcome));
                if (outcome.Result != TransferResult.Unknown)
                {
                    ToldWithoutDetails(turn, entry.IdempotencyKey);
                }
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

    /// <summary>
    /// After the PIN is verified: the amount, payee and reference of the outcomes this session's launch told
    /// without them (only "it went through" or "it didn't" may be said before the PIN), each once.
    /// </summary>
    public async Task DetailAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.ToldWithoutDetails is not { } keys)
        {
            return;
        }

        turn.State.ToldWithoutDetails = null;
        var speech = turn.Input.Speech;
        foreach (var key in keys)
        {
            switch (await journal.FindAsync(turn.UserId, key, cancellationToken))
            {
                case { State: JournalState.Sent } sent:
                    turn.Reply.Say(speech.Say(MoveWords.For(SpeechKeys.UnresolvedDetailsSent, TransferTarget.IsOwnAccount(sent.PayeeId)), MoneyText.Format(sent.Money), sent.PayeeName, Alexa.Responses.Ssml.Characters(OutcomeSpeech.ReferenceEnding(sent.TransferId))));
                    break;
                case { State: JournalState.Declined } declined:
                    turn.Reply.Say(speech.Say(MoveWords.For(SpeechKeys.UnresolvedDetailsNotSent, TransferTarget.IsOwnAccount(declined.PayeeId)), MoneyText.Format(declined.Money), declined.PayeeName));
                    break;
            }
        }
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
                ToldWithoutDetails(turn, entry.IdempotencyKey);
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
            turn.Reply.Say(MoveWords.For(SpeechKeys.CarriedPaymentNotSent, left.Transfer?.To is not null));
            if (left.Transfer is { } abandoned)
            {
                ToldWithoutDetails(turn, abandoned.IdempotencyKey);
            }
        }

        await confirmed.DropAsync(turn.UserId, cancellationToken);
    }

    private static void ToldWithoutDetails(TurnContext turn, string idempotencyKey) =>
        (turn.State.ToldWithoutDetails ??= []).Add(idempotencyKey);
}
