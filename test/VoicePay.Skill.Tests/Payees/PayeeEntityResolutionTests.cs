using VoicePay.Alexa.Requests;
using VoicePay.Skill.Payees;
using static VoicePay.Skill.Tests.Payees.PayeeBook;

namespace VoicePay.Skill.Tests.Payees;

public sealed class PayeeEntityResolutionTests
{
    private readonly PayeeResolver _resolver = new();

    [Fact]
    public void A_dynamic_entity_match_names_the_payee_even_when_the_words_are_ambiguous()
    {
        var slot = Resolved("alice", Match(DynamicAuthority, AliceJones.Id));

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(AliceJones, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void A_match_in_a_later_authority_and_a_later_value_is_used()
    {
        var slot = Resolved(
            "my sister",
            NoMatch(StaticAuthority),
            Match(DynamicAuthority, "not-a-payee", Mary.Id));

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(Mary, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void An_id_that_is_not_one_of_the_persons_payees_is_ignored()
    {
        var forged = Resolved("alice smith", Match(DynamicAuthority, "p-someone-elses-payee"));

        var match = _resolver.Resolve(forged, All);

        Assert.Equal(AliceSmith, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void A_forged_id_with_unknown_words_finds_nobody()
    {
        var forged = Resolved("Zebediah", Match(DynamicAuthority, "p-someone-elses-payee"));

        var match = _resolver.Resolve(forged, All);

        Assert.Equal("Zebediah", Assert.IsType<PayeeMatch.NotFound>(match).Heard);
    }

    [Fact]
    public void No_match_falls_back_to_what_was_heard()
    {
        var slot = Resolved("Jon", NoMatch(DynamicAuthority), NoMatch(StaticAuthority));

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(John, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void Dynamic_entities_outrank_the_static_catalogue()
    {
        var slot = Resolved("mary", Match(StaticAuthority, Mary.Id), Match(DynamicAuthority, John.Id));

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(John, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void Several_payees_matched_by_alexa_ask_which_one()
    {
        var slot = Resolved("alice", Match(DynamicAuthority, AliceJones.Id, AliceSmith.Id));

        var match = _resolver.Resolve(slot, All);

        Assert.Equal([AliceJones, AliceSmith], Assert.IsType<PayeeMatch.Ambiguous>(match).Candidates);
    }

    [Fact]
    public void Resolutions_in_the_newer_slot_value_shape_are_read()
    {
        var slot = new Slot
        {
            Name = "Payee",
            SlotValue = new SlotValue
            {
                Type = "Simple",
                Value = "the big one",
                Resolutions = new Resolutions { ResolutionsPerAuthority = [Match(DynamicAuthority, Katherine.Id)] },
            },
        };

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(Katherine, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void An_entity_match_counts_even_when_no_words_came_with_it()
    {
        var slot = Resolved(null, Match(DynamicAuthority, Stephen.Id));

        Assert.Equal(Stephen, Assert.IsType<PayeeMatch.Found>(_resolver.Resolve(slot, All)).Payee);
    }
}
