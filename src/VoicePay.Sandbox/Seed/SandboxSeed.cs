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

    private static readonly DateTimeOffset HistoryStart = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SeedCustomer> Customers { get; } =
    [
        new(
            "cust-alice",
            AliceToken,
            "Alice Walker",
            "en-US",
            [
                new("acc-alice-checking", "Everyday Checking", "checking", "000123454821", "USD", 2_500.00m),
                new("acc-alice-savings", "Rainy Day Savings", "savings", "000987659034", "USD", 12_250.00m),

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
                new("acc-alice-checking", HistoryStart, "Payroll ACME Corp", 1_800.00m),
                new("acc-alice-checking", HistoryStart.AddDays(2), "Coffee Corner", -4.50m),
                new("acc-alice-checking", HistoryStart.AddDays(5), "Grocery Mart", -86.23m),
                new("acc-alice-savings", HistoryStart.AddDays(6), "Interest", 12.04m),
            ]),
        new(
            "cust-oliver",
            GbpToken,
            "Oliver Brown",
            "en-GB",
            [
                new("acc-oliver-current", "Current Account", "checking", "20304067812345", "GBP", 1_200.00m),
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
                new("acc-oliver-current", HistoryStart.AddDays(1), "Tesco", -23.45m),
                new("acc-oliver-current", HistoryStart.AddDays(3), "Salary", 2_100.00m),
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
            []),
    ];

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
                text.Append(CultureInfo.InvariantCulture, $"  {account.Type,-8} {account.Id,-20} {account.Nickname}{also} ••{account.LastFour}  opening {account.OpeningBalance:0.00} {account.Currency}")
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
