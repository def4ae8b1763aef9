using VoicePay.Skill.Payees;

namespace VoicePay.Skill.Tests.Payees;

public sealed class PhoneticKeyTests
{
    [Theory]
    [InlineData("jon", "john")]
    [InlineData("katherine", "catherine")]
    [InlineData("kathryn", "catherine")]
    [InlineData("steven", "stephen")]
    [InlineData("geoff", "jeff")]
    [InlineData("philip", "filip")]
    [InlineData("erik", "eric")]
    [InlineData("knight", "night")]
    public void Spellings_of_one_spoken_name_share_a_key(string a, string b)
    {
        Assert.Equal(PhoneticKey.Of(a), PhoneticKey.Of(b));
    }

    [Theory]
    [InlineData("john", "mary")]
    [InlineData("alice", "zebediah")]
    [InlineData("smith", "jones")]
    [InlineData("charles", "carl")]
    public void Different_names_get_different_keys(string a, string b)
    {
        Assert.NotEqual(PhoneticKey.Of(a), PhoneticKey.Of(b));
    }

    [Theory]
    [InlineData("catherine", "K0RN")]
    [InlineData("stephen", "STFN")]
    [InlineData("alice", "ALS")]
    [InlineData("rebecca", "RBK")]
    [InlineData("schmidt", "SKMT")]
    public void Keys_are_consonant_skeletons(string name, string key)
    {
        Assert.Equal(key, PhoneticKey.Of(name));
    }
}
