namespace VoicePay.Sandbox.Seed;

/// <summary>
/// The mobile numbers the sandbox bank has on file, where it texts verification codes. Fictional numbers (the 555-01xx
/// range, Ofcom's drama range). Bob Lee has none, so the "no phone on file" refusal can be tried. Kept apart from
/// <see cref="SandboxSeed"/> so the demo accounts can change without touching this.
/// </summary>
public static class SandboxPhones
{
    private static readonly Dictionary<string, string> Numbers = new(StringComparer.Ordinal)
    {
        ["cust-alice"] = "+15555550112",
        ["cust-oliver"] = "+447700900934",
    };

    /// <summary>
    /// The customer's phone on file, or null. A copy of a demo customer (<see cref="SandboxSeed.CopyOf"/>: its id is the
    /// template's with a suffix) has the template's phone, so twins hear the same words.
    /// </summary>
    public static string? For(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (Numbers.TryGetValue(customerId, out var phone))
        {
            return phone;
        }

        return Numbers.Where(n => customerId.StartsWith(n.Key, StringComparison.Ordinal)).OrderByDescending(n => n.Key.Length).Select(n => n.Value).FirstOrDefault();
    }
}
