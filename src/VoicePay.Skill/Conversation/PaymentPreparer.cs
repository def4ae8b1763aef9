using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Payees;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Conversation;

/// <summary>What gathering a payment's details came to.</summary>
public abstract record Preparation
{
    private Preparation()
    {
    }

    /// <summary>Something is missing or was not understood: ask for <see cref="Slot"/>.</summary>
    public sealed record Ask(string Slot, Ssml Speech, string RepromptKey) : Preparation;

    public sealed record Ambiguous(List<PayeeChoice> Candidates) : Preparation;

    /// <summary>The payment cannot go ahead; <see cref="Speech"/> says why.</summary>
    public sealed record Refused(Ssml Speech) : Preparation;

    /// <summary>The bank did not answer a read the payment needs (<see cref="Replies.BankRefused"/> says so).</summary>
    public sealed record BankFailed(BankError? Error) : Preparation;

    /// <summary>Ready to read back.</summary>
    public sealed record Ready(PendingTransfer Transfer) : Preparation;

    /// <summary>All is ready but the account the person named, which is looked up only after the PIN: ask for it first.</summary>
    public sealed record PinFirst : Preparation;

    /// <summary>
    /// After the PIN, the account named fits several (<paramref name="NotFound"/> false) or none (true; then every account
    /// is offered): the person must say which to pay from.
    /// </summary>
    public sealed record ChooseAccount(List<AccountChoice> Choices, bool NotFound) : Preparation;

    /// <summary>
    /// Ready, but identical (payee and amount) to <paramref name="Earlier"/>, sent within
    /// <see cref="TransferTiming.ConfirmRepeatWithin"/>: ask "Send another?" before the read-back.
    /// </summary>
    public sealed record RecentlySent(JournalEntry Earlier, PendingTransfer Transfer) : Preparation;
}

/// <summary>
/// Gathers amount, payee and paying account, and checks what policy alone decides before the PIN:
/// the per-transfer limit, an earlier identical transfer not yet settled, and one sent moments ago.
/// Funds and today's total are account-derived, so they are checked only after the PIN (by the bank
/// and the daily reservation): a refusal before the PIN must not let anyone in the room probe a balance.
/// </summary>
public sealed class PaymentPreparer(
    IPaymentsApi bank,
    PayeeResolver payeeResolver,
    ITransferJournal journal,
    TransferProcessor processor,
    IOptions<TransferLimits> limits,
    IOptions<TransferTiming> timing,
    TimeProvider time)
{
    /// <summary>
    /// What the draft comes to. <paramref name="pinVerified"/>: the PIN was verified in this session, so an account the
    /// person named may be looked up (before it, such a payment gets <see cref="Preparation.PinFirst"/>).
    /// </summary>
    public async Task<Preparation> PrepareAsync(HandlerInput input, PaymentDraft draft, Slot? heardPayee, List<PayeeChoice>? candidates, bool pinVerified, CancellationToken cancellationToken)
    {
        var token = input.AccessToken!;
        var speech = input.Speech;
        var accounts = await bank.GetAccountsAsync(token, cancellationToken);
        if (!accounts.IsSuccess)
        {
            return new Preparation.BankFailed(accounts.Error);
        }

        // Checking pays unless the person names another account. A named account is looked up only after the PIN (which
        // account it is, or that there is none, is account-derived); before it the default account gives only the currency.
        var lookUp = draft.NamesAccount && pinVerified;
        Account? from;
        if (lookUp)
        {
            switch (PayingAccount(draft, accounts.Value!))
            {
                case AccountMatch.Found found:
                    from = found.Account;
                    break;
                case AccountMatch.Several several:
                    return new Preparation.ChooseAccount(AccountWords.Choices(several.Accounts), NotFound: false);
                default:
                    return new Preparation.ChooseAccount(AccountWords.Choices(accounts.Value!), NotFound: true);
            }
        }
        else
        {
            var checking = BalanceReply.Select(accounts.Value!, BalanceReply.Checking);
            from = checking.Count > 0 ? checking[0] : accounts.Value!.Count > 0 ? accounts.Value[0] : null;
        }

        if (from is null)
        {
            return new Preparation.Refused(speech.Say(SpeechKeys.BalanceNone));
        }

        var currency = from.Available.Currency;
        var (amount, problem) = SpokenAmount.Parse(draft.Amount, draft.Cents, currency);
        if (amount is not { } money)
        {
            var key = problem switch
            {
                AmountProblem.Missing => SpeechKeys.SendAskAmount,
                AmountProblem.NotPositive => SpeechKeys.SendAmountNotPositive,
                _ => SpeechKeys.SendAmountNotUnderstood,
            };
            return new Preparation.Ask(SlotNames.Amount, speech.Say(key), SpeechKeys.SendAskAmount);
        }

        var perTransfer = limits.Value.PerTransferIn(currency);
        if (money > perTransfer)
        {
            return new Preparation.Ask(SlotNames.Amount, speech.Say(SpeechKeys.SendOverPerTransferLimit, MoneyText.Format(money), MoneyText.Format(perTransfer)), SpeechKeys.SendAskAmount);
        }

        var payees = await bank.GetPayeesAsync(token, cancellationToken);
        if (!payees.IsSuccess)
        {
            return new Preparation.BankFailed(payees.Error);
        }

        if (payees.Value!.Count == 0)
        {
            return new Preparation.Refused(speech.Say(SpeechKeys.SendNoPayees));
        }

        var match = ResolvePayee(heardPayee, draft.PayeeId, payees.Value, candidates);
        switch (match)
        {
            case PayeeMatch.Missing:
                return new Preparation.Ask(SlotNames.Payee, speech.Say(SpeechKeys.SendAskPayee), SpeechKeys.SendAskPayee);
            case PayeeMatch.NotFound notFound:
                return new Preparation.Ask(SlotNames.Payee, speech.Say(SpeechKeys.SendPayeeNotFound, notFound.Heard ?? string.Empty), SpeechKeys.SendAskPayee);
            case PayeeMatch.Ambiguous ambiguous:
                return new Preparation.Ambiguous([.. ambiguous.Candidates.Select(p => new PayeeChoice(p.Id, p.DisplayName))]);
        }

        var payee = ((PayeeMatch.Found)match).Payee;

        // A payment identical to one not yet settled could pay twice: read the earlier one at the bank, and while it
        // is still unsettled refuse with words, whatever its age. A young pending entry may be a call under way in
        // another request, or one whose process died after the bank committed: either way it is not a reason to send.
        foreach (var earlier in await journal.UnresolvedAsync(input.UserId, cancellationToken))
        {
            if (earlier.PayeeId == payee.Id && earlier.Money == money)
            {
                var settled = await processor.ReportAsync(token, earlier, input.Turn, cancellationToken);
                if (settled.Result != TransferResult.Declined)
                {
                    return new Preparation.Refused(OutcomeSpeech.RefuseWhileUnknown(input, settled));
                }
            }
        }

        if (draft.NamesAccount && !lookUp)
        {
            return new Preparation.PinFirst();
        }

        var transfer = new PendingTransfer(
            IdempotencyKeys.For(input.UserId, input.SessionId, input.RequestId, payee.Id, from.Id, money),
            payee.Id,
            payee.DisplayName,
            from.Id,
            from.Nickname,
            from.LastFour,
            money.Amount,
            money.Currency,
            from.Type,
            AccountNamed: lookUp);
        return await RecentlySentAsync(input.UserId, transfer, cancellationToken) is { } earlierSent
            ? new Preparation.RecentlySent(earlierSent, transfer)
            : new Preparation.Ready(transfer);
    }

    /// <summary>The account the draft names: one chosen from those offered, else what the person said.</summary>
    private static AccountMatch PayingAccount(PaymentDraft draft, IReadOnlyList<Account> accounts) =>
        draft.AccountId is { } id
            ? AccountMatch.Of([.. accounts.Where(a => a.Id == id)])
            : AccountWords.Resolve(draft.Account, draft.Named, accounts);

    /// <summary>The latest transfer identical to <paramref name="transfer"/> sent within the window, if any.</summary>
    private async Task<JournalEntry?> RecentlySentAsync(string userId, PendingTransfer transfer, CancellationToken cancellationToken)
    {
        var window = timing.Value.ConfirmRepeatWithin;
        if (window <= TimeSpan.Zero)
        {
            return null;
        }

        var sent = await journal.SentSinceAsync(userId, time.GetUtcNow() - window, cancellationToken);
        return sent.LastOrDefault(e => e.PayeeId == transfer.PayeeId && e.Money == transfer.Money);
    }

    /// <summary>"just now", "a minute ago", "4 minutes ago": how long ago <paramref name="earlier"/> was sent.</summary>
    public static string Ago(SpeechCatalog speech, JournalEntry earlier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(earlier);
        var minutes = (int)Math.Round((now - earlier.UpdatedAt).TotalMinutes, MidpointRounding.AwayFromZero);
        return minutes < 1 ? speech.Text(SpeechKeys.TimeJustNow)
            : minutes == 1 ? speech.Text(SpeechKeys.TimeMinuteAgo)
            : speech.Text(SpeechKeys.TimeMinutesAgo, minutes);
    }

    private PayeeMatch ResolvePayee(Slot? heard, string? chosenId, IReadOnlyList<Payee> payees, List<PayeeChoice>? candidates)
    {
        if (string.IsNullOrWhiteSpace(heard?.Value) && chosenId is not null)
        {
            return payees.FirstOrDefault(p => p.Id == chosenId) is { } chosen ? new PayeeMatch.Found(chosen) : new PayeeMatch.Missing();
        }

        // After "Alice Smith or Alice Jones?", the answer is matched among those first.
        if (candidates is { Count: > 0 })
        {
            var offered = payees.Where(p => candidates.Any(c => c.Id == p.Id)).ToList();
            if (payeeResolver.Resolve(heard, offered) is PayeeMatch.Found found)
            {
                return found;
            }
        }

        return payeeResolver.Resolve(heard, payees);
    }
}
