using Microsoft.Extensions.Options;
using VoicePay.Skill.Security;

namespace VoicePay.Skill.Conversation;

/// <summary>Balances, transactions, alerts, spending questions and the accounts themselves: behind the PIN, read three at a time with "Want to hear more?".</summary>
public sealed class AccountsFlow(BalanceReply balances, TransactionsReply transactions, AlertsReply alerts, SpendingReply spending, AccountListReply list, PinGate pin, IOptions<PinOptions> options)
{
    public async Task<Phase> AskAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var input = turn.Input;
        if (input.AccessToken is null)
        {
            turn.Reply.LinkAccount();
            return Phase.Idle;
        }

        var intent = input.IntentRequest!.Intent;
        var question = intent.Name switch
        {
            IntentNames.RecentTransactions => new AccountQuestion(AccountQuestionKind.Transactions, Count: TransactionsReply.CountFrom(intent)),
            IntentNames.ReadAlerts => new AccountQuestion(AccountQuestionKind.Alerts),
            IntentNames.ListAccounts => new AccountQuestion(AccountQuestionKind.Accounts),
            _ => new AccountQuestion(AccountQuestionKind.Balance, Account: BalanceReply.KindFrom(intent), Named: NamedAccount.From(intent)),
        };

        return await GateAsync(turn, question, cancellationToken);
    }

    /// <summary>Answers <paramref name="question"/> now if it may be, else keeps it and asks for the PIN (or refuses when a PIN cannot succeed).</summary>
    public async Task<Phase> GateAsync(TurnContext turn, AccountQuestion question, CancellationToken cancellationToken)
    {
        var state = turn.State;

        // Alerts and spending answers name amounts and merchants: behind the PIN whatever RequiredForBalance says.
        if ((!options.Value.RequiredForBalance && question.Kind is not (AccountQuestionKind.Alerts or AccountQuestionKind.Spending)) || pin.IsVerified(turn))
        {
            return await ReadAsync(turn, question, cancellationToken);
        }

        if (await pin.RefuseIfNotReadyAsync(turn, question.Kind == AccountQuestionKind.Alerts ? PinUse.Alerts : PinUse.Accounts, cancellationToken) is { } refused)
        {
            return refused;
        }

        state.Question = question;
        pin.Ask(turn, again: false);
        return Phase.PinForAccounts;
    }

    /// <summary>Answers the question waiting in the state (after the PIN), or the balance if none.</summary>
    public Task<Phase> AnswerWaitingAsync(TurnContext turn, CancellationToken cancellationToken) =>
        ReadAsync(turn, turn.State.Question ?? new AccountQuestion(AccountQuestionKind.Balance), cancellationToken);

    /// <summary>"Yes" to "Want to hear more?": the next page of the list being read.</summary>
    public Task<Phase> MoreAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.State.Question is { } listing ? ReadAsync(turn, listing, cancellationToken) : Task.FromResult(Phase.Idle);

    private async Task<Phase> ReadAsync(TurnContext turn, AccountQuestion question, CancellationToken cancellationToken)
    {
        var reply = turn.Reply;
        var more = question.Kind switch
        {
            AccountQuestionKind.Transactions => await transactions.BuildAsync(reply, question, cancellationToken),
            AccountQuestionKind.Alerts => await alerts.BuildAsync(reply, continuing: question.Offset > 0, cancellationToken),
            AccountQuestionKind.Spending => await spending.BuildAsync(reply, question, cancellationToken),
            AccountQuestionKind.Accounts => await list.BuildAsync(reply, question.Offset, cancellationToken),
            _ => await BalanceAsync(reply, question, cancellationToken),
        };
        if (!more || reply.Ends)
        {
            return Phase.Idle;
        }

        var page = question.Kind switch
        {
            AccountQuestionKind.Alerts => AlertsReply.PageSize,
            AccountQuestionKind.Spending => SpendingReply.PageSize,
            AccountQuestionKind.Accounts => AccountListReply.PageSize,
            _ => TransactionsReply.PageSize,
        };
        turn.State.Question = question with { Offset = question.Offset + page };
        reply.Ask(turn.Input.Speech.Say(Speech.SpeechKeys.ListMore), Speech.SpeechKeys.ListMoreReprompt);
        return Phase.Listing;
    }

    private async Task<bool> BalanceAsync(Reply reply, AccountQuestion question, CancellationToken cancellationToken)
    {
        await balances.BuildAsync(reply, question.Account, question.Named, cancellationToken);
        return false;
    }
}
