using VoicePay.Alexa.Requests;
using VoicePay.Alexa.Responses;
using VoicePay.Simulator;

namespace VoicePay.DevLoop.Tests;

/// <summary>The resolver against the real interaction models in skill-package/.</summary>
public class UtteranceResolverTests
{
    private readonly UtteranceResolver resolver = new(Model.Load(), Model.SkillId);

    [Fact]
    public void Sample_with_slots_and_a_spoken_number()
    {
        var heard = resolver.Resolve("send twenty five dollars to alice smith");
        Assert.Equal("SendMoneyIntent", heard.IntentName);
        Assert.Equal("25", heard.Value("Amount"));
        Assert.Equal("alice smith", heard.Value("Payee"));

        // Every declared slot travels, filled or not, as Alexa sends them.
        Assert.Contains("Cents", heard.Slots.Keys);
        Assert.Null(heard.Value("Cents"));
    }

    [Theory]
    [InlineData("send $20 to alice", "20")]
    [InlineData("pay john a thousand dollars", "1000")]
    [InlineData("send twelve fifty dollars to mom", "1250")]
    public void Amounts_in_words_and_digits(string utterance, string amount) =>
        Assert.Equal(amount, resolver.Resolve(utterance).Value("Amount"));

    [Theory]
    [InlineData("send five fifty to mom", "5", "50")]
    [InlineData("pay mom twelve fifty", "12", "50")]
    [InlineData("send five dollars fifty to mom", "5", "50")]
    [InlineData("send fifty cents to mom", null, "50")]
    [InlineData("fifty cents", null, "50")]
    [InlineData("send twenty five to mom", "25", null)]
    [InlineData("send minus five dollars to mom", "-5", null)]
    public void Issue16_item09_prices_and_cents_fill_amount_and_cents(string utterance, string? amount, string? cents)
    {
        var heard = resolver.Resolve(utterance);

        Assert.Equal("SendMoneyIntent", heard.IntentName);
        Assert.Equal(amount, heard.Value("Amount"));
        Assert.Equal(cents, heard.Value("Cents"));
    }

    [Fact]
    public void Custom_value_synonym_resolves_to_its_canonical_value_and_id()
    {
        var heard = resolver.Resolve("how much is in my rainy day fund");
        Assert.Equal("CheckBalanceIntent", heard.IntentName);
        var slot = heard.Slots["Account"];
        Assert.Equal("rainy day fund", slot.Value);
        Assert.Equal("savings", slot.FirstMatch?.Name);
        Assert.Equal("SAVINGS", slot.FirstMatch?.Id);
        Assert.Equal(ResolutionStatusCodes.Match, Assert.Single(slot.Resolutions!.ResolutionsPerAuthority).Status?.Code);
    }

    [Fact]
    public void Unknown_custom_value_passes_through_with_no_match()
    {
        var slot = resolver.Resolve("send twenty dollars to bartholomew").Slots["Payee"];
        Assert.Equal("bartholomew", slot.Value);
        Assert.Null(slot.FirstMatch);
        Assert.Equal(ResolutionStatusCodes.NoMatch, Assert.Single(slot.Resolutions!.ResolutionsPerAuthority).Status?.Code);
    }

    [Fact]
    public void Dynamic_entities_resolve_first_and_carry_the_skills_ids()
    {
        resolver.UpdateDynamicEntities(new DialogUpdateDynamicEntitiesDirective
        {
            Types =
            [
                new DynamicEntityType
                {
                    Name = "PAYEE",
                    Values =
                    [
                        new DynamicEntity { Id = "payee-alice-smith", Name = new DynamicEntityName { Value = "Alice Smith", Synonyms = ["Alice", "Ali"] } },
                        new DynamicEntity { Id = "payee-alice-jones", Name = new DynamicEntityName { Value = "Alice Jones", Synonyms = ["Alice"] } },
                    ],
                },
            ],
        });

        var authorities = resolver.Resolve("send twenty dollars to alice").Slots["Payee"].Resolutions!.ResolutionsPerAuthority;
        Assert.Equal(2, authorities.Count);
        Assert.Contains(".dynamic.", authorities[0].Authority, StringComparison.Ordinal);
        Assert.Equal(ResolutionStatusCodes.Match, authorities[0].Status?.Code);
        Assert.Equal(["payee-alice-smith", "payee-alice-jones"], authorities[0].Values!.Select(v => v.Value!.Id));
        Assert.Equal(ResolutionStatusCodes.NoMatch, authorities[1].Status?.Code);

        resolver.UpdateDynamicEntities(new DialogUpdateDynamicEntitiesDirective { UpdateBehavior = "CLEAR" });
        Assert.Single(resolver.Resolve("send twenty dollars to alice").Slots["Payee"].Resolutions!.ResolutionsPerAuthority);
    }

    [Theory]
    [InlineData("one two three four", "1234")]
    [InlineData("my pin is one two three four", "1234")]
    [InlineData("the pin is 0042", "0042")]
    public void Four_digit_pin(string utterance, string pin)
    {
        var heard = resolver.Resolve(utterance);
        Assert.Equal("PinIntent", heard.IntentName);
        Assert.Equal(pin, heard.Value("Pin"));
    }

    [Theory]
    [InlineData("yes", "AMAZON.YesIntent")]
    [InlineData("yeah", "AMAZON.YesIntent")]
    [InlineData("no", "AMAZON.NoIntent")]
    [InlineData("repeat that", "AMAZON.RepeatIntent")]
    [InlineData("say that again", "AMAZON.RepeatIntent")]
    [InlineData("help", "AMAZON.HelpIntent")]
    [InlineData("stop", "AMAZON.StopIntent")]
    [InlineData("cancel", "AMAZON.CancelIntent")]
    [InlineData("never mind", "AMAZON.CancelIntent")]
    [InlineData("go home", "AMAZON.NavigateHomeIntent")]
    [InlineData("order me a large pizza", "AMAZON.FallbackIntent")]
    [InlineData("", "AMAZON.FallbackIntent")]
    public void Built_in_intents_even_when_the_model_lacks_them(string utterance, string intent) =>
        Assert.Equal(intent, resolver.Resolve(utterance).IntentName);

    [Fact]
    public void While_eliciting_a_slot_its_own_samples_are_heard()
    {
        // "seventy five dollars" is no sample of any intent: only SendMoneyIntent's Amount samples ("{Amount} dollars") take it.
        Assert.Equal("AMAZON.FallbackIntent", resolver.Resolve("seventy five dollars").IntentName);
        var heard = resolver.Resolve("seventy five dollars", "SendMoneyIntent", "Amount");
        Assert.Equal("SendMoneyIntent", heard.IntentName);
        Assert.Equal("75", heard.Value("Amount"));
    }

    [Fact]
    public void British_model_hears_pounds()
    {
        var heard = new UtteranceResolver(Model.Load("en-GB"), Model.SkillId).Resolve("send twenty pounds to emma");
        Assert.Equal("SendMoneyIntent", heard.IntentName);
        Assert.Equal("20", heard.Value("Amount"));
        Assert.Equal("emma", heard.Value("Payee"));
    }

    [Fact]
    public void Slot_fill_keeps_the_newer_slotValue_shape_in_step()
    {
        var slot = resolver.Resolve("what's my savings balance").Slots["Account"];
        Assert.Equal("Simple", slot.SlotValue?.Type);
        Assert.Equal(slot.Value, slot.SlotValue?.Value);
        Assert.Equal(ConfirmationStatuses.None, slot.ConfirmationStatus);
    }

    [Theory]
    [InlineData("en-US", "what accounts do I have", "ListAccountsIntent", "", "")]
    [InlineData("en-US", "what's the balance of the account ending four eight two one", "CheckBalanceIntent", "LastFour", "4821")]
    [InlineData("en-US", "what's in my vacation savings", "CheckBalanceIntent", "AccountName", "vacation savings")]
    [InlineData("en-US", "send twenty dollars to alice from the account ending in seven seven one zero", "SendMoneyIntent", "LastFour", "7710")]
    [InlineData("en-US", "pay alice from my vacation fund", "SendMoneyIntent", "AccountName", "vacation fund")]
    [InlineData("en-GB", "send twenty pounds to emma from my holiday saver", "SendMoneyIntent", "AccountName", "holiday saver")]
    [InlineData("en-GB", "which accounts have I got", "ListAccountsIntent", "", "")]
    public void Accounts_by_name_or_last_four_are_understood(string locale, string utterance, string intent, string slot, string value)
    {
        var heard = new UtteranceResolver(Model.Load(locale), Model.SkillId).Resolve(utterance);

        Assert.Equal(intent, heard.IntentName);
        if (slot.Length > 0)
        {
            Assert.Equal(value, heard.Value(slot));
        }
    }

    [Theory]
    [InlineData("the first one", "AccountName", "first one")]
    [InlineData("my vacation savings", "AccountName", "vacation savings")]
    [InlineData("the one ending nine zero three four", "LastFour", "9034")]
    public void Answers_to_which_account_fill_the_account_slots(string utterance, string slot, string value)
    {
        var heard = resolver.Resolve(utterance, "SendMoneyIntent", "AccountName");

        Assert.Equal(("SendMoneyIntent", value), (heard.IntentName, heard.Value(slot)));
    }
}
