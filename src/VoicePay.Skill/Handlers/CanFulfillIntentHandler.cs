using System.Globalization;
using Microsoft.Extensions.Options;
using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Domain;
using VoicePay.Skill.Pipeline;
using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Handlers;

/// <summary>
/// Name-free requests ("Alexa, send twenty dollars to Alice"): Alexa asks whether Voice Pay can understand and fulfill
/// the intent before choosing it. The answer is decided from the request and the skill's own policy alone: no bank call
/// (who the payees are and which accounts exist are the bank's, and reading them for a request the person did not
/// address to Voice Pay would be acting), no state read or written by the skill, no PIN attempt, no speech.
/// </summary>
/// <remarks>
/// Per slot, <c>canUnderstand</c> is YES for a value the skill knows without the bank (a number, a kind of account,
/// four digits), MAYBE for a name it would look up (a payee, an account's name), NO for a value it cannot use; a slot's
/// <c>canFulfill</c> is YES only when the skill can certainly act on it (an amount within the per-transfer limit; a
/// merchant or person to search the history for, where no match is an answer too; a date that is not in the future),
/// else NO. The intent is YES only when every slot is YES/YES and nothing waits on the bank; a payment is at best MAYBE, since
/// its payee is the bank's. Without a linked account nothing can be fulfilled: NO. A PIN, "forget me" and Alexa's
/// built-ins mean nothing outside a conversation with Voice Pay: NO.
/// </remarks>
public sealed class CanFulfillIntentHandler(IOptions<TransferLimits> limits, TimeProvider time) : IRequestHandler
{
    public bool CanHandle(HandlerInput input) => input.Request is CanFulfillIntentRequest;

    public Task<SkillResponse> HandleAsync(HandlerInput input, CancellationToken cancellationToken)
    {
        var request = (CanFulfillIntentRequest)input.Request;
        var answer = Answer(request.Intent, linked: input.AccessToken is not null, MoneyText.CurrencyFor(request.Locale));
        return Task.FromResult(new SkillResponse { Response = new ResponseBody { CanFulfillIntent = answer } });
    }

    /// <summary>The answer for <paramref name="intent"/>; pure, so tests can hold every case.</summary>
    public CanFulfillIntent Answer(Intent? intent, bool linked, string currency)
    {
        var slots = new Dictionary<string, CanFulfillSlot>(StringComparer.Ordinal);
        foreach (var (name, slot) in intent?.Slots ?? [])
        {
            if (!string.IsNullOrWhiteSpace(slot.Value))
            {
                var (understand, fulfill) = SlotAnswer(intent!, name, slot, currency);
                slots[name] = new CanFulfillSlot { CanUnderstand = understand, CanFulfill = linked ? fulfill : CanFulfillValues.No };
            }
        }

        var whole = intent?.Name switch
        {
            _ when !linked => CanFulfillValues.No,
            IntentNames.SendMoney or IntentNames.MoveMoney or IntentNames.CheckBalance or IntentNames.RecentTransactions or IntentNames.ListAccounts or IntentNames.ReadAlerts
                or IntentNames.Spending or IntentNames.MoneyIn or IntentNames.LastPayment
                when slots.Values.Any(s => s.CanUnderstand == CanFulfillValues.No) => CanFulfillValues.No,
            IntentNames.SendMoney when slots.TryGetValue(SlotNames.Amount, out var amount) && amount.CanFulfill == CanFulfillValues.No => CanFulfillValues.No,
            IntentNames.MoveMoney when slots.TryGetValue(SlotNames.MoveAmount, out var moved) && moved.CanFulfill == CanFulfillValues.No => CanFulfillValues.No,

            // A move, like a payment, needs the PIN and the bank's accounts: at best maybe.
            IntentNames.SendMoney or IntentNames.MoveMoney => CanFulfillValues.Maybe,
            IntentNames.CheckBalance or IntentNames.RecentTransactions or IntentNames.ListAccounts or IntentNames.ReadAlerts
                or IntentNames.Spending or IntentNames.MoneyIn or IntentNames.LastPayment =>
                slots.Values.All(s => s is { CanUnderstand: CanFulfillValues.Yes, CanFulfill: CanFulfillValues.Yes }) ? CanFulfillValues.Yes : CanFulfillValues.Maybe,
            _ => CanFulfillValues.No,
        };

        return new CanFulfillIntent { CanFulfill = whole, Slots = slots };
    }

    private (string Understand, string Fulfill) SlotAnswer(Intent intent, string name, Slot slot, string currency)
    {
        const string Yes = CanFulfillValues.Yes, No = CanFulfillValues.No, Maybe = CanFulfillValues.Maybe;
        var value = slot.Value!.Trim();
        return (intent.Name, name) switch
        {
            // Cents are answered on their own; the amount counts them only when they are cents.
            (IntentNames.SendMoney, SlotNames.Amount) => AmountAnswer(value, Cents(intent.SlotValue(SlotNames.Cents)) ? intent.SlotValue(SlotNames.Cents) : null, currency),
            (IntentNames.SendMoney, SlotNames.Cents) => Cents(value) ? (Yes, Yes) : (No, No),
            (IntentNames.MoveMoney, SlotNames.MoveAmount) => AmountAnswer(value, Cents(intent.SlotValue(SlotNames.MoveCents)) ? intent.SlotValue(SlotNames.MoveCents) : null, currency),
            (IntentNames.MoveMoney, SlotNames.MoveCents) => Cents(value) ? (Yes, Yes) : (No, No),

            // Whether the payee or the account exists is the bank's to say: a name is understood at most as one to look up.
            (IntentNames.SendMoney, SlotNames.Payee) => (slot.FirstMatch is not null ? Yes : Maybe, No),
            (_, SlotNames.Account or SlotNames.FromAccount or SlotNames.ToAccount) => (slot.FirstMatch is not null || BalanceReply.KindOf(AccountWords.Name(value)) is not null ? Yes : Maybe, No),
            (_, SlotNames.AccountName or SlotNames.FromAccountName or SlotNames.ToAccountName) => (Maybe, No),
            (_, SlotNames.LastFour or SlotNames.FromLastFour or SlotNames.ToLastFour) => (value.Length == 4 && value.All(char.IsAsciiDigit) ? Yes : No, No),
            // A spending question searches the bank's history for whatever was named (no match is an answer too), over
            // any past period Alexa's date names.
            (_, SlotNames.Merchant) => (slot.FirstMatch is not null ? Yes : Maybe, Yes),
            (_, SlotNames.Person) => (Maybe, Yes),
            (_, SlotNames.Date) => AmazonDate.Parse(value, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { } period
                ? (Yes, period.From <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) ? Yes : No)
                : (No, No),
            (IntentNames.RecentTransactions, SlotNames.Count) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? (Yes, n <= TransactionsReply.MaxCount ? Yes : No)
                : (No, No),
            _ => (No, No),
        };
    }

    private static bool Cents(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cents) && cents < 100;

    /// <summary>An amount Voice Pay could send: positive and within the per-transfer limit (policy, not the bank).</summary>
    private (string, string) AmountAnswer(string whole, string? cents, string currency)
    {
        var (money, problem) = SpokenAmount.Parse(whole, cents, currency);
        return money is { } amount
            ? (CanFulfillValues.Yes, amount > limits.Value.PerTransferIn(currency) ? CanFulfillValues.No : CanFulfillValues.Yes)
            : problem == AmountProblem.NotPositive ? (CanFulfillValues.Yes, CanFulfillValues.No) : (CanFulfillValues.No, CanFulfillValues.No);
    }
}
