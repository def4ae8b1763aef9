using Microsoft.Extensions.Options;

namespace VoicePay.Skill.Transfers;

/// <summary>
/// How long a confirmed transfer may still be created, and how recent an identical one must be to ask before another
/// (VoicePay:Transfers; docs/payments.md says why).
/// </summary>
public sealed class TransferTiming
{
    /// <summary>
    /// The bound after the confirmation: the bank is told to create the transfer no later than this (the request's
    /// <c>notAfter</c>), and a retry with the same key is made only before it. Past it (and <see cref="State.JournalEntry.InFlightLimit"/>
    /// more, for a call still in progress and the clocks' difference) a transfer the bank does not have is not sent.
    /// </summary>
    public TimeSpan SendWithin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A payment identical (payee and amount) to one sent this recently asks "Send another?" before its read-back; zero never asks.</summary>
    public TimeSpan ConfirmRepeatWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The bank's deadline for a transfer journalled at <paramref name="confirmedAt"/>, in whole seconds so every retry carries the same one.</summary>
    public DateTimeOffset DeadlineFor(DateTimeOffset confirmedAt) =>
        DateTimeOffset.FromUnixTimeSeconds((confirmedAt + SendWithin).ToUnixTimeSeconds());
}

/// <summary>A bound long enough for one bank call with its retries, short enough that "later" never means hours.</summary>
public sealed class TransferTimingValidator : IValidateOptions<TransferTiming>
{
    public ValidateOptionsResult Validate(string? name, TransferTiming options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SendWithin < TimeSpan.FromSeconds(10) || options.SendWithin > TimeSpan.FromMinutes(15))
        {
            failures.Add("TransferTiming.SendWithin must be from 00:00:10 to 00:15:00.");
        }

        if (options.ConfirmRepeatWithin < TimeSpan.Zero || options.ConfirmRepeatWithin > TimeSpan.FromHours(1))
        {
            failures.Add("TransferTiming.ConfirmRepeatWithin must be from 00:00:00 to 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
