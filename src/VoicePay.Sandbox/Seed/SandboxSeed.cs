using System.Globalization;
using System.Text;

namespace VoicePay.Sandbox.Seed;

/// <summary>
/// The deterministic demo data the sandbox bank starts with. Tokens are public on purpose:
/// this is a sandbox, and the tokens stand in for what Alexa account linking would issue.
/// </summary>
public static class SandboxSeed
{
    public const string AliceToken = "demo-alice-token";
    public const string GbpToken = "demo-gbp-token";
    public const string BobToken = "demo-bob-token";

    public static IReadOnlyList<SeedCustomer> Customers { get; } =
    [
        new(
            "cust-alice",
            AliceToken,
            "Alice Walker",
            "en-US",
            [
                new("acc-alice-checking", "Everyday Checking", "checking", "000123454821", "USD", 4_209.27m),
                new("acc-alice-savings", "Rainy Day Savings", "savings", "000987659034", "USD", 12_262.04m),

                // Two more savings accounts: "savings" names three, so a payment from it is asked about.
                new("acc-alice-vacation", "Vacation Savings", "savings", "000987657710", "USD", 3_400.00m, ["vacation fund", "holiday fund"]),
                new("acc-alice-college", "College Fund", "savings", "000987653156", "USD", 8_000.00m, ["education savings"]),
            ],
            [
                new("payee-alice-smith", "Alice Smith", ["Ali"], "1111"),
                new("payee-alice-jones", "Alice Jones", [], "2222"),
                new("payee-john-miller", "John Miller", ["Jon", "Johnny"], "3333"),
                new("payee-mom", "Mary Johnson", ["Mom", "Mum", "Mother"], "4444"),
                new("payee-bakery", "Tom & Jerry's Bakery", ["the bakery"], "5555"),
            ],
            [
                new("acc-alice-checking", SeedSchedule.Monthly(1, 15), "Acme Payroll", "Acme Payroll", 1_650.00m),
                new("acc-alice-checking", SeedSchedule.Monthly(1), "Rent", "Parkview Properties", -1_450.00m),
                new("acc-alice-checking", SeedSchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday), "Starbucks", "Starbucks", -3.85m, -7.25m),
                new("acc-alice-checking", SeedSchedule.Weekly(DayOfWeek.Saturday), "Grocery Mart", "Grocery Mart", -62.00m, -148.00m),
                new("acc-alice-checking", SeedSchedule.Monthly(10), "Comcast Internet", "Comcast", -65.00m),
                new("acc-alice-checking", SeedSchedule.Monthly(20), "City Power & Light", "City Power & Light", -78.00m, -132.00m),
                new("acc-alice-checking", SeedSchedule.Monthly(25), "Metro Water", "Metro Water", -30.00m, -45.00m),
                new("acc-alice-checking", SeedSchedule.Monthly(5), "To Mary Johnson: Voice Pay", "Mary Johnson", -75.00m, OtherSide: "payee-mom"),
                new("acc-alice-checking", SeedSchedule.Monthly(12), "To John Miller: Voice Pay", "John Miller", -40.00m, -60.00m, OtherSide: "payee-john-miller"),
                new("acc-alice-checking", SeedSchedule.Monthly(16), "Transfer to Rainy Day Savings", null, -800.00m, OtherSide: "acc-alice-savings"),
                new("acc-alice-savings", SeedSchedule.Monthly(31), "Interest", null, 9.00m, 14.00m),
            ]),
        new(
            "cust-oliver",
            GbpToken,
            "Oliver Brown",
            "en-GB",
            [
                new("acc-oliver-current", "Current Account", "checking", "20304067812345", "GBP", 3_276.55m),
                new("acc-oliver-savings", "Easy Saver", "savings", "20304099887766", "GBP", 5_000.00m),
                new("acc-oliver-holiday", "Holiday Saver", "savings", "20304099885512", "GBP", 900.00m, ["holiday pot", "holiday fund"]),
                new("acc-oliver-isa", "Cash ISA", "savings", "20304099888890", "GBP", 4_000.00m, ["isa"]),
            ],
            [
                new("payee-emma-wilson", "Emma Wilson", ["Em"], "6666"),
                new("payee-mum", "Margaret Taylor", ["Mum"], "7777"),
                new("payee-chippy", "Fish & Chips <Ltd>", ["the chippy"], "8888"),
            ],
            [
                new("acc-oliver-current", SeedSchedule.Monthly(28), "Salary", "Northwind Ltd", 2_100.00m),
                new("acc-oliver-current", SeedSchedule.Monthly(1), "Rent", "Harbour Lettings", -950.00m),
                new("acc-oliver-current", SeedSchedule.Monthly(1), "Council Tax", "Council Tax", -145.00m),
                new("acc-oliver-current", SeedSchedule.Weekly(DayOfWeek.Saturday), "Tesco", "Tesco", -35.00m, -85.00m),
                new("acc-oliver-current", SeedSchedule.Weekly(DayOfWeek.Tuesday, DayOfWeek.Thursday), "Starbucks", "Starbucks", -2.95m, -4.60m),
                new("acc-oliver-current", SeedSchedule.Monthly(15), "British Gas", "British Gas", -60.00m, -95.00m),
                new("acc-oliver-current", SeedSchedule.Monthly(20), "Thames Water", "Thames Water", -32.00m),
                new("acc-oliver-current", SeedSchedule.Monthly(8), "To Emma Wilson: Voice Pay", "Emma Wilson", -30.00m, OtherSide: "payee-emma-wilson"),
                new("acc-oliver-current", SeedSchedule.Monthly(18), "To Margaret Taylor: Voice Pay", "Margaret Taylor", -50.00m, OtherSide: "payee-mum"),
                new("acc-oliver-current", SeedSchedule.Monthly(26), "Transfer to Easy Saver", null, -300.00m, OtherSide: "acc-oliver-savings"),
                new("acc-oliver-savings", SeedSchedule.Monthly(31), "Interest", null, 4.00m, 6.00m),
            ]),
        new(
            "cust-bob",
            BobToken,
            "Bob Lee",
            "en-US",
            [
                new("acc-bob-checking", "Checking", "checking", "000555501234", "USD", 25.00m),
            ],
            [
                new("payee-bob-alice", "Alice Smith", [], "1111"),
            ],
            [
                new("acc-bob-checking", SeedSchedule.Monthly(1, 15), "Diner Payroll", "Diner Payroll", 420.00m),
                new("acc-bob-checking", SeedSchedule.Monthly(2), "Rent", "Campus Housing", -650.00m),
                new("acc-bob-checking", SeedSchedule.Weekly(DayOfWeek.Tuesday), "Starbucks", "Starbucks", -4.00m, -6.00m),
                new("acc-bob-checking", SeedSchedule.Weekly(DayOfWeek.Sunday), "Corner Grocery", "Corner Grocery", -25.00m, -45.00m),
                new("acc-bob-checking", SeedSchedule.Monthly(22), "Phone bill", "Mint Mobile", -35.00m),
                new("acc-bob-checking", SeedSchedule.Monthly(10), "To Alice Smith: Voice Pay", "Alice Smith", -20.00m, OtherSide: "payee-bob-alice"),
            ]),
    ];

    /// <summary>
    /// Another customer like <paramref name="template"/> (same name, accounts' names and numbers, payees), under ids and a
    /// token ending in <paramref name="suffix"/>, with its own balances today and its own habits (given against the
    /// template's account and payee ids). For tests that compare two customers who differ only in what their accounts
    /// hold; <see cref="Ledger.SandboxLedger.AddCustomer"/> opens its books.
    /// </summary>
    public static SeedCustomer CopyOf(SeedCustomer template, string suffix, Func<SeedAccount, decimal> balance, IReadOnlyList<SeedHabit> habits)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(balance);
        ArgumentNullException.ThrowIfNull(habits);
        var ours = template.Accounts.Select(a => a.Id).Concat(template.Payees.Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
        return template with
        {
            Id = template.Id + suffix,
            Token = template.Token + suffix,
            Accounts = [.. template.Accounts.Select(a => a with { Id = a.Id + suffix, Balance = balance(a) })],
            Payees = [.. template.Payees.Select(p => p with { Id = p.Id + suffix })],
            Habits = [.. habits.Select(h => h with
            {
                AccountId = h.AccountId + suffix,
                OtherSide = h.OtherSide is { } other && ours.Contains(other) ? other + suffix : h.OtherSide,
            })],
        };
    }

    /// <summary>A plain-text description of the demo data for a start-up banner. Shows last four digits only.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        foreach (var customer in Customers)
        {
            text.Append(CultureInfo.InvariantCulture, $"Bearer {customer.Token}  {customer.Name} ({customer.Locale})").AppendLine();
            foreach (var account in customer.Accounts)
            {
                var also = account.Nicknames is { Count: > 0 } names ? $" (also: {string.Join(", ", names)})" : string.Empty;
                text.Append(CultureInfo.InvariantCulture, $"  {account.Type,-8} {account.Id,-20} {account.Nickname}{also} ••{account.LastFour}  balance {account.Balance:0.00} {account.Currency}")
                    .AppendLine();
            }

            foreach (var payee in customer.Payees)
            {
                var nicknames = payee.Nicknames.Count == 0 ? string.Empty : $" (also: {string.Join(", ", payee.Nicknames)})";
                text.Append(CultureInfo.InvariantCulture, $"  payee    {payee.Id,-20} {payee.DisplayName}{nicknames} ••{payee.LastFour}").AppendLine();
            }
        }

        return text.ToString();
    }
}
