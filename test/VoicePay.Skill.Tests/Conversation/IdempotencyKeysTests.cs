using VoicePay.Skill.Domain;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>
/// A transfer's key must not change between versions: a Lambda retry that lands on a newly deployed version derives it
/// again, and the bank matches the retry to the first attempt only by it. The expected values are SHA-256s computed
/// outside .NET (Python's hashlib) from the documented material: the parts, one per line.
/// </summary>
public sealed class IdempotencyKeysTests
{
    [Fact]
    public void A_transfers_key_is_the_same_derivation_as_in_every_earlier_version()
    {
        var amount = new Money(20m, "USD");

        Assert.Equal("vp-1370526ddd34231fd91232cede88be2d", IdempotencyKeys.For("amzn1.ask.account.A", "session-1", "request-1", "payee-1", "acct-1", amount));
        Assert.Equal("vp-26507be712e917c9e513191810ab2f1c", IdempotencyKeys.For("amzn1.ask.account.A", null, null, "payee-1", "acct-1", amount));
    }

    [Fact]
    public void Keys_of_different_operations_never_meet()
    {
        var parts = new[] { "send", "amzn1.ask.account.A", "request-1" };

        Assert.NotEqual(IdempotencyKeys.Derive("vc-", parts), IdempotencyKeys.Derive("vp-", parts));
        Assert.StartsWith("vc-", IdempotencyKeys.Derive("vc-", parts), StringComparison.Ordinal);
    }
}
