namespace VoicePay.Sandbox.Seed;

/// <summary>
/// Months of believable history from a customer's habits, dated relative to the day the books are seeded, so
/// "last month" and "this week" always have data. Deterministic: an entry depends only on its habit and its
/// date, never on randomness, so two sandboxes seeded on the same day hold the same books.
/// </summary>
public static class SeedHistory
{
    /// <summary>Whole months before the current one that the history covers (the current month runs up to yesterday).</summary>
    public const int Months = 6;

    /// <summary>The time of day seeded entries are posted at (UTC): before the working day, so "today" has none.</summary>
    private static readonly TimeSpan PostedAt = new(9, 0, 0);

    /// <summary>The first day of the history for books seeded on <paramref name="today"/>.</summary>
    public static DateOnly Start(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-Months);

    /// <summary>Every entry of the customer's history, oldest first, from <see cref="Start"/> to the day before <paramref name="today"/>.</summary>
    public static IReadOnlyList<SeedTransaction> For(SeedCustomer customer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var entries = new List<SeedTransaction>();
        for (var date = Start(today); date < today; date = date.AddDays(1))
        {
            foreach (var habit in customer.Habits.Where(h => h.Schedule.Falls(date)))
            {
                var at = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(PostedAt)), TimeSpan.Zero);
                entries.Add(new(habit.AccountId, at, habit.Description, AmountOn(habit, date), habit.Counterparty, habit.OtherSide));
            }
        }

        return entries;
    }

    /// <summary>The habit's amount on <paramref name="date"/>: between Min and Max, to the cent, by a stable hash of the two.</summary>
    public static decimal AmountOn(SeedHabit habit, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(habit);
        if (habit.Max is not { } max || max == habit.Min)
        {
            return habit.Min;
        }

        var low = Math.Min(habit.Min, max);
        var spanCents = (ulong)decimal.ToInt64((Math.Abs(max - habit.Min) * 100m) + 1m);
        var cents = Fnv(date.DayNumber, habit.Description) % spanCents;
        return low + (cents / 100m);
    }

    // FNV-1a: string.GetHashCode is randomized per process, and the books must not be.
    private static ulong Fnv(int day, string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in BitConverter.GetBytes(day).Concat(text.Select(c => (byte)c)))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
