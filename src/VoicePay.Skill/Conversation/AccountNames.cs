using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Payees;

namespace VoicePay.Skill.Conversation;

/// <summary>
/// One account as the person named it: by a name ("vacation savings", slot AccountName or words in Account that are
/// not a kind), or by its last four digits (slot LastFour). A kind alone ("savings") stays a kind
/// (<see cref="BalanceReply.KindFrom(Intent)"/>). Which account it is, and whether there is one, is account-derived: looked up only after the PIN.
/// </summary>
public sealed record NamedAccount(string? Name, string? LastFour)
{
    /// <summary>The named account the intent carries, or null when it names none (a kind alone, or nothing).</summary>
    public static NamedAccount? From(Intent intent) => From(intent, AccountSlots.Default);

    /// <summary>As <see cref="From(Intent)"/>, read from <paramref name="slots"/> (a move names two accounts).</summary>
    public static NamedAccount? From(Intent intent, AccountSlots slots)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(slots);
        var lastFour = intent.SlotValue(slots.LastFour);
        if (!string.IsNullOrWhiteSpace(lastFour))
        {
            return new NamedAccount(null, lastFour.Trim());
        }

        // Words in Account that resolved to a kind ("rainy day fund" is savings) are that kind, not a name.
        var account = intent.Slots.GetValueOrDefault(slots.Kind);
        foreach (var heard in new[] { intent.SlotValue(slots.Name), account?.FirstMatch is null ? account?.Value : null })
        {
            if (AccountWords.Name(heard) is { } name && BalanceReply.KindOf(name) is null)
            {
                return new NamedAccount(name, null);
            }
        }

        return null;
    }
}

/// <summary>The three slots that name one account: its kind (ACCOUNT_TYPE), its name (ACCOUNT_NAME), its last four digits.</summary>
public sealed record AccountSlots(string Kind, string Name, string LastFour)
{
    /// <summary>CheckBalanceIntent and SendMoneyIntent.</summary>
    public static readonly AccountSlots Default = new(SlotNames.Account, SlotNames.AccountName, SlotNames.LastFour);
}

/// <summary>An account offered to choose from: what the person hears of it (name and last four), and its id.</summary>
public sealed record AccountChoice(string Id, string Name, string LastFour, AccountType Type);

/// <summary>What a named account came to among the person's accounts.</summary>
public abstract record AccountMatch
{
    private AccountMatch()
    {
    }

    public sealed record Found(Account Account) : AccountMatch;

    /// <summary>More than one fits ("savings" with two savings accounts): the person must say which.</summary>
    public sealed record Several(IReadOnlyList<Account> Accounts) : AccountMatch;

    public sealed record NotFound : AccountMatch;

    public static AccountMatch Of(IReadOnlyList<Account> accounts) => accounts.Count switch
    {
        0 => new NotFound(),
        1 => new Found(accounts[0]),
        _ => new Several(accounts),
    };
}

/// <summary>
/// Finds the account a person named among theirs: last four digits exactly; a name exactly (the nickname or another name
/// the bank holds), then every account whose name holds all the words said ("vacation"), then spelling and sound
/// similarity as for payees; a kind by type. Pure: the caller has the accounts (after the PIN).
/// </summary>
public static class AccountWords
{
    /// <summary>Words that name no account: "my vacation savings account" is "vacation savings".</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "my", "the", "our", "account", "acct", "from", "one" };

    /// <summary>The words of a name as compared: normalized, without filler; null when nothing is left.</summary>
    public static string? Name(string? heard)
    {
        var words = NameText.Tokens(heard).Where(w => !Filler.Contains(w)).ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    public static AccountMatch Resolve(string? kind, NamedAccount? named, IReadOnlyList<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (named?.LastFour is { } digits)
        {
            return AccountMatch.Of([.. accounts.Where(a => string.Equals(a.LastFour, digits, StringComparison.Ordinal))]);
        }

        if (named?.Name is { } name)
        {
            return ByName(name, accounts);
        }

        return AccountMatch.Of(BalanceReply.Select(accounts, kind));
    }

    /// <summary>"Rainy Day Savings, ending in 9034" for each, in the order given.</summary>
    public static List<AccountChoice> Choices(IEnumerable<Account> accounts) =>
        [.. accounts.Select(a => new AccountChoice(a.Id, a.Nickname, a.LastFour, a.Type))];

    private static AccountMatch ByName(string name, IReadOnlyList<Account> accounts)
    {
        var heard = name.Split(' ');
        var names = accounts.Select(a => (Account: a, Names: a.Names.Select(n => (Name(n) ?? string.Empty).Split(' ')).ToList())).ToList();

        var exact = names.Where(x => x.Names.Any(n => n.SequenceEqual(heard, StringComparer.Ordinal))).Select(x => x.Account).ToList();
        if (exact.Count > 0)
        {
            return AccountMatch.Of(exact);
        }

        var containing = names.Where(x => x.Names.Any(n => heard.All(w => n.Contains(w, StringComparer.Ordinal)))).Select(x => x.Account).ToList();
        if (containing.Count > 0)
        {
            return AccountMatch.Of(containing);
        }

        var scored = names
            .Select(x => (x.Account, Score: x.Names.Max(n => NameSimilarity.Phrase(heard, n))))
            .Where(x => x.Score >= PayeeResolver.AcceptThreshold)
            .OrderByDescending(x => x.Score)
            .ToList();
        return scored.Count == 0
            ? new AccountMatch.NotFound()
            : AccountMatch.Of([.. scored.TakeWhile(x => scored[0].Score - x.Score < PayeeResolver.AmbiguityMargin).Select(x => x.Account)]);
    }
}
