using FsCheck.Xunit;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Payees;
using static VoicePay.Skill.Tests.Payees.PayeeBook;

namespace VoicePay.Skill.Tests.Payees;

public sealed class PayeeResolverProperties
{
    private static readonly string[] FirstNames =
        ["John", "Jon", "Alice", "Alicia", "Mary", "Marie", "Katherine", "Catherine", "Stephen", "Steven", "José", "Joe"];

    private static readonly string[] LastNames =
        ["Miller", "Millar", "Smith", "Smyth", "Jones", "Johnson", "Lee", "Li", "Clarke", "Clark", "Álvarez", "O'Brien"];

    private readonly PayeeResolver _resolver = new();

    [Property(MaxTest = 300)]
    public bool A_payees_exact_display_name_always_finds_that_payee(byte[] picks, int whoSeed, bool shout)
    {
        var payees = Book(picks);
        if (payees.Count == 0)
        {
            return _resolver.Resolve(Heard("john miller"), payees) is PayeeMatch.NotFound;
        }

        var who = payees[(int)((uint)whoSeed % (uint)payees.Count)];
        var said = shout ? who.DisplayName.ToUpperInvariant() + "!" : who.DisplayName;

        return _resolver.Resolve(Heard(said), payees) is PayeeMatch.Found found && found.Payee == who;
    }

    [Property(MaxTest = 300)]
    public bool Whatever_arrives_only_ever_selects_the_persons_own_payees(byte[] picks, string? heard, string? forgedId)
    {
        var payees = Book(picks);
        var slot = Resolved(heard, Match(DynamicAuthority, forgedId ?? "x"), Match(StaticAuthority, "p-elsewhere"));

        return _resolver.Resolve(slot, payees) switch
        {
            PayeeMatch.Found f => payees.Contains(f.Payee),
            PayeeMatch.Ambiguous a => a.Candidates.Count is >= 2 and <= PayeeResolver.MaxCandidates
                && a.Candidates.All(payees.Contains)
                && a.Candidates.Distinct().Count() == a.Candidates.Count,
            PayeeMatch.NotFound n => n.Heard == heard,
            PayeeMatch.Missing => string.IsNullOrWhiteSpace(heard),
            _ => false,
        };
    }

    [Property(MaxTest = 300)]
    public bool Similarity_is_symmetric_and_bounded(string a, string b)
    {
        var x = NameText.Normalize(a).Replace(" ", string.Empty, StringComparison.Ordinal);
        var y = NameText.Normalize(b).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (x.Length == 0 || y.Length == 0)
        {
            return true;
        }

        var forward = NameSimilarity.Tokens(x, y);
        return forward is >= 0.0 and <= 1.0
            && Math.Abs(forward - NameSimilarity.Tokens(y, x)) < 1e-9
            && NameSimilarity.Tokens(x, x) == 1.0;
    }

    // Distinct display names from a pool of look-alikes, so the property meets near misses.
    private static List<Payee> Book(byte[] picks)
    {
        var names = (picks ?? [])
            .Select(b => $"{FirstNames[b % FirstNames.Length]} {LastNames[(b / FirstNames.Length) % LastNames.Length]}")
            .Distinct(StringComparer.Ordinal)
            .Take(10)
            .ToList();
        return [.. names.Select((name, i) => new Payee($"p-{i}", name, [], "0000"))];
    }
}
