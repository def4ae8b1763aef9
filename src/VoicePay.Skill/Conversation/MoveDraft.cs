using VoicePay.Alexa.Requests;

namespace VoicePay.Skill.Conversation;

/// <summary>What a move asks the person for next.</summary>
public enum MoveAsk
{
    None,
    Amount,
    From,
    To,
}

/// <summary>
/// One side of a move as the person said it: a kind ("savings"), a name or last four (<see cref="NamedAccount"/>), or one
/// chosen from those offered (<paramref name="AccountId"/>). Looked up only after the PIN.
/// </summary>
public sealed record AccountPick(string? Kind, NamedAccount? Named, string? AccountId = null)
{
    /// <summary>The side named by <paramref name="slots"/> in <paramref name="intent"/>, or null when nothing names it.</summary>
    public static AccountPick? From(Intent intent, AccountSlots slots)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var kind = BalanceReply.KindFrom(intent, slots);
        var named = NamedAccount.From(intent, slots);
        return kind is BalanceReply.Checking or BalanceReply.Savings || named is not null ? new AccountPick(named is null ? kind : null, named) : null;
    }
}

/// <summary>
/// A move between the person's own accounts as said so far (issue 19, item 3): the amount as heard, the account the money
/// leaves and the one it goes to, and what was asked last (an answer to "which account…?" is for that side).
/// </summary>
public sealed record MoveDraft(string? Amount, string? Cents, AccountPick? From, AccountPick? To, MoveAsk Asking = MoveAsk.None)
{
    public static readonly AccountSlots FromSlots = new(SlotNames.FromAccount, SlotNames.FromAccountName, SlotNames.FromLastFour);
    public static readonly AccountSlots ToSlots = new(SlotNames.ToAccount, SlotNames.ToAccountName, SlotNames.ToLastFour);

    /// <summary>
    /// What was said before, corrected by what is said now. An answer to "which account should I move it from?" may be
    /// heard in either side's slots ("the account ending in 9034"); it is the asked side's when it is the only side said.
    /// </summary>
    public static MoveDraft Merge(MoveDraft? draft, Intent? intent)
    {
        draft ??= new MoveDraft(null, null, null, null);
        if (intent is null)
        {
            return draft;
        }

        // "Make it thirty dollars" at a move's read-back is heard as SendMoneyIntent: its amount is in the payment's slots.
        var payment = intent.Name == IntentNames.SendMoney;
        var amount = intent.SlotValue(payment ? SlotNames.Amount : SlotNames.MoveAmount);
        var cents = intent.SlotValue(payment ? SlotNames.Cents : SlotNames.MoveCents);
        var (from, to) = intent.Name == IntentNames.SendMoney
            ? (AccountPick.From(intent, AccountSlots.Default), (AccountPick?)null)
            : (AccountPick.From(intent, FromSlots), AccountPick.From(intent, ToSlots));
        if (draft.Asking == MoveAsk.From && from is null && to is not null)
        {
            (from, to) = (to, null);
        }
        else if (draft.Asking == MoveAsk.To && to is null && from is not null)
        {
            (from, to) = (null, from);
        }

        return new MoveDraft(
            string.IsNullOrWhiteSpace(amount) ? (string.IsNullOrWhiteSpace(cents) ? draft.Amount : null) : amount,
            string.IsNullOrWhiteSpace(amount) ? (string.IsNullOrWhiteSpace(cents) ? draft.Cents : cents) : cents,
            from ?? draft.From,
            to ?? draft.To,
            draft.Asking);
    }
}

/// <summary>The destination of a move as the read-back says it: "your checking account" (<paramref name="Named"/> false) or "Everyday Checking, ending in 4821".</summary>
public sealed record MoveTarget(string AccountId, string Name, string LastFour, Banking.AccountType Type, bool Named);
