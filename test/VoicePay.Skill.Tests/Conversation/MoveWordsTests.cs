using VoicePay.Skill.Speech;
using VoicePay.Skill.Transfers;

namespace VoicePay.Skill.Tests.Conversation;

/// <summary>A move's outcomes in its own words, in both locales: never a payment, a payee or "nothing was sent".</summary>
public sealed class MoveWordsTests
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void Every_payment_outcome_a_move_can_meet_has_move_words_in_the_locale(string locale)
    {
        var speech = new SpeechCatalogs().For(locale);
        Assert.NotEmpty(MoveWords.PaymentKeys);
        foreach (var key in MoveWords.PaymentKeys)
        {
            var moveKey = MoveWords.For(key, move: true);
            Assert.NotEqual(key, moveKey);
            Assert.Equal(key, MoveWords.For(key, move: false));
            var text = speech.Text(moveKey, "$1.00", "Everyday Checking", "ab12");
            Assert.DoesNotContain("payment", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("payee", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("nothing was sent", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
