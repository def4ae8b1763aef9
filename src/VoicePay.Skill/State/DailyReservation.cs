using VoicePay.Skill.Domain;

namespace VoicePay.Skill.State;

/// <summary>The argument rules of the daily-limit methods of <see cref="IUserStateStore"/>, shared by every store.</summary>
public static class DailyReservation
{
    public static void Validate(string idempotencyKey, Money amount, Money dailyLimit)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (amount.Currency != dailyLimit.Currency)
        {
            throw new ArgumentException("The amount and the daily limit must be in the same currency.", nameof(amount));
        }

        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "Only a positive amount can be reserved.");
        }
    }

    /// <summary>A day's total is kept in one currency; mixing would make the limit meaningless.</summary>
    public static void EnsureSameCurrency(string stored, string requested)
    {
        if (stored != requested)
        {
            throw new ArgumentException($"The day's total is kept in {stored}, not {requested}.", nameof(requested));
        }
    }
}
