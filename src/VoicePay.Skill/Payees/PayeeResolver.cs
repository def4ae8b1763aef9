using System.Diagnostics.CodeAnalysis;
using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;

namespace VoicePay.Skill.Payees;

/// <summary>
/// Turns the Payee slot of "send money" into one of the person's own payees, or says why it cannot.
/// Pure: no I/O, safe to share.
/// </summary>
/// <remarks>
/// Order of evidence: entity resolution (our dynamic entities carry payee ids, so Alexa has already
/// matched the words to an id); then an exact nickname or display name; then spelling and sound
/// similarity against display names, the words within them and nicknames. Only ids among the
/// person's own payees are ever taken from a request, so a forged id cannot select anyone else.
/// </remarks>
public sealed class PayeeResolver
{
    /// <summary>
    /// The least similarity that names a payee. Unrelated first names score 0.4 to 0.8 by Jaro-Winkler;
    /// spelling variants ("jon"/"john" 0.93, "katherine"/"catherine" 0.93, "stephen"/"steven" 0.89, more
    /// with sound) score above. The conversation confirms the payee before paying, so a near miss costs
    /// a "no", not money.
    /// </summary>
    public const double AcceptThreshold = 0.85;

    /// <summary>
    /// A payee within this of the best is a real alternative and the person is asked to choose: "alice"
    /// scores the same for Alice Smith and Alice Jones, while "jon" gives John Miller 0.95 and Alice
    /// Jones 0.84, a clear enough lead (and Jones is under the threshold anyway).
    /// </summary>
    public const double AmbiguityMargin = 0.08;

    /// <summary>More than three names read aloud is more than a listener keeps in mind.</summary>
    public const int MaxCandidates = 3;

    private const string DynamicAuthorityMarker = ".dynamic.";

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Injected as a service; an instance keeps room for per-locale options.")]
    public PayeeMatch Resolve(Slot? payeeSlot, IReadOnlyList<Payee> payees)
    {
        ArgumentNullException.ThrowIfNull(payees);
        if (payeeSlot is null)
        {
            return new PayeeMatch.Missing();
        }

        var resolved = ResolvedByEntity(payeeSlot, payees);
        if (resolved.Count > 0)
        {
            return Decide(resolved);
        }

        var heard = HeardText(payeeSlot);
        if (heard is null)
        {
            return new PayeeMatch.Missing();
        }

        return ResolveHeard(heard, payees);
    }

    /// <summary>The same matching, for words that did not come from a slot (a typed name, a re-prompt answer).</summary>
    public static PayeeMatch ResolveHeard(string heard, IReadOnlyList<Payee> payees)
    {
        ArgumentNullException.ThrowIfNull(payees);
        if (string.IsNullOrWhiteSpace(heard))
        {
            return new PayeeMatch.Missing();
        }

        var normalized = NameText.Normalize(heard);
        if (normalized.Length == 0 || payees.Count == 0)
        {
            return new PayeeMatch.NotFound(heard);
        }

        var exact = payees.Where(p => IsExact(normalized, p)).ToList();
        if (exact.Count > 0)
        {
            return Decide(exact);
        }

        var tokens = normalized.Split(' ');
        var ranked = payees
            .Select((payee, index) => (Payee: payee, Score: Score(tokens, payee), Index: index))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Index)
            .ToList();

        var best = ranked[0].Score;
        if (best < AcceptThreshold)
        {
            return new PayeeMatch.NotFound(heard);
        }

        var close = ranked
            .TakeWhile(s => s.Score >= AcceptThreshold && best - s.Score < AmbiguityMargin)
            .Select(s => s.Payee)
            .ToList();
        return Decide(close);
    }

    /// <summary>How well the heard words fit one payee: the best of the display name and each nickname.</summary>
    public static double Score(IReadOnlyList<string> heardTokens, Payee payee)
    {
        ArgumentNullException.ThrowIfNull(heardTokens);
        ArgumentNullException.ThrowIfNull(payee);
        var best = NameSimilarity.Phrase(heardTokens, NameText.Tokens(payee.DisplayName));
        foreach (var nickname in payee.Nicknames ?? [])
        {
            best = Math.Max(best, NameSimilarity.Phrase(heardTokens, NameText.Tokens(nickname)));
        }

        return best;
    }

    private static PayeeMatch Decide(List<Payee> candidates) =>
        candidates.Count == 1
            ? new PayeeMatch.Found(candidates[0])
            : new PayeeMatch.Ambiguous(candidates.Take(MaxCandidates).ToList());

    // Exact after normalizing, and also with the spaces gone: "mc donald" is "McDonald".
    private static bool IsExact(string normalized, Payee payee)
    {
        var compact = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        return Names(payee).Any(name =>
        {
            var candidate = NameText.Normalize(name);
            return candidate.Length > 0 &&
                (candidate.Equals(normalized, StringComparison.Ordinal) ||
                 candidate.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(compact, StringComparison.Ordinal));
        });
    }

    private static IEnumerable<string> Names(Payee payee) => [payee.DisplayName, .. payee.Nicknames ?? []];

    /// <summary>
    /// Payees named by <c>ER_SUCCESS_MATCH</c> values, dynamic authorities (the person's own payees,
    /// uploaded per session) before static ones, in Alexa's order, without repeats. Ids that are not
    /// among <paramref name="payees"/> are ignored.
    /// </summary>
    private static List<Payee> ResolvedByEntity(Slot slot, IReadOnlyList<Payee> payees)
    {
        var authorities = Authorities(slot).Where(a => a.Status?.Code == ResolutionStatusCodes.Match).ToList();
        var dynamic = Matched(authorities.Where(IsDynamic), payees);
        return dynamic.Count > 0 ? dynamic : Matched(authorities.Where(a => !IsDynamic(a)), payees);
    }

    private static List<Payee> Matched(IEnumerable<ResolutionAuthority> authorities, IReadOnlyList<Payee> payees)
    {
        var matched = new List<Payee>();
        foreach (var authority in authorities)
        {
            foreach (var wrapper in authority.Values ?? [])
            {
                var id = wrapper?.Value?.Id;
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                var payee = payees.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
                if (payee is not null && !matched.Contains(payee))
                {
                    matched.Add(payee);
                }
            }
        }

        return matched;
    }

    private static bool IsDynamic(ResolutionAuthority authority) =>
        authority.Authority?.Contains(DynamicAuthorityMarker, StringComparison.Ordinal) == true;

    private static IEnumerable<ResolutionAuthority> Authorities(Slot slot)
    {
        foreach (var authority in slot.Resolutions?.ResolutionsPerAuthority ?? [])
        {
            yield return authority;
        }

        foreach (var value in SlotValues(slot.SlotValue))
        {
            foreach (var authority in value.Resolutions?.ResolutionsPerAuthority ?? [])
            {
                yield return authority;
            }
        }
    }

    private static IEnumerable<SlotValue> SlotValues(SlotValue? value)
    {
        if (value is null)
        {
            yield break;
        }

        yield return value;
        foreach (var inner in value.Values ?? [])
        {
            yield return inner;
        }
    }

    private static string? HeardText(Slot slot)
    {
        if (!string.IsNullOrWhiteSpace(slot.Value))
        {
            return slot.Value;
        }

        return SlotValues(slot.SlotValue)
            .Select(v => v.Value)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }
}
