using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Payees;
using static VoicePay.Skill.Tests.Payees.PayeeBook;

namespace VoicePay.Skill.Tests.Payees;

public sealed class PayeeResolverTests
{
    private readonly PayeeResolver _resolver = new();

    [Theory]
    [InlineData("mom", "p-john")]
    [InlineData("Jon", "p-john")]
    [InlineData("john", "p-john")]
    [InlineData("miller", "p-john")]
    [InlineData("alice smith", "p-alice-s")]
    [InlineData("ALICE SMITH!", "p-alice-s")]
    [InlineData("alice jones", "p-alice-j")]
    [InlineData("tom and jerry's", "p-bakery")]
    [InlineData("tom and jerrys bakery", "p-bakery")]
    [InlineData("the bakery", "p-bakery")]
    [InlineData("mary", "p-mary")]
    [InlineData("katherine", "p-kath")]
    [InlineData("catherine", "p-kath")]
    [InlineData("catherine lee", "p-kath")]
    [InlineData("steven", "p-steve")]
    [InlineData("steven clark", "p-steve")]
    [InlineData("jose alvarez", "p-jose")]
    [InlineData("jose", "p-jose")]
    public void What_was_heard_finds_the_one_payee_meant(string heard, string expectedId)
    {
        var match = _resolver.Resolve(Heard(heard), All);

        var found = Assert.IsType<PayeeMatch.Found>(match);
        Assert.Equal(expectedId, found.Payee.Id);
    }

    [Fact]
    public void A_first_name_two_payees_share_asks_which_one()
    {
        var match = _resolver.Resolve(Heard("alice"), All);

        var ambiguous = Assert.IsType<PayeeMatch.Ambiguous>(match);
        Assert.Equal([AliceSmith, AliceJones], ambiguous.Candidates);
    }

    [Fact]
    public void A_whole_name_said_exactly_beats_the_same_word_in_a_longer_name()
    {
        var ann = new Payee("p-ann", "Ann", [], "1000");
        var annLee = new Payee("p-ann-lee", "Ann Lee", [], "1001");

        Assert.Equal(ann, Assert.IsType<PayeeMatch.Found>(_resolver.Resolve(Heard("ann"), [annLee, ann])).Payee);
    }

    [Fact]
    public void When_unsure_the_payee_whose_whole_name_fits_is_offered_first()
    {
        var ann = new Payee("p-ann", "Ann", [], "1000");
        var annLee = new Payee("p-ann-lee", "Ann Lee", [], "1001");

        var match = _resolver.Resolve(Heard("anne"), [annLee, ann]);

        Assert.Equal([ann, annLee], Assert.IsType<PayeeMatch.Ambiguous>(match).Candidates);
    }

    [Fact]
    public void No_more_than_three_candidates_are_offered()
    {
        IReadOnlyList<Payee> alices =
        [
            new("a1", "Alice Able", [], "0001"),
            new("a2", "Alice Baker", [], "0002"),
            new("a3", "Alice Cole", [], "0003"),
            new("a4", "Alice Dunn", [], "0004"),
        ];

        var match = _resolver.Resolve(Heard("alice"), alices);

        var ambiguous = Assert.IsType<PayeeMatch.Ambiguous>(match);
        Assert.Equal(["a1", "a2", "a3"], ambiguous.Candidates.Select(p => p.Id));
    }

    [Fact]
    public void A_nickname_said_exactly_wins_over_a_shared_first_name()
    {
        var sister = AliceJones with { Nicknames = ["Alice"] };

        var match = _resolver.Resolve(Heard("Alice"), [AliceSmith, sister]);

        Assert.Equal(sister, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void The_same_nickname_on_two_payees_asks_which_one()
    {
        var mum = new Payee("p-mum", "Linda Miller", ["Mom"], "9999");

        var match = _resolver.Resolve(Heard("mom"), [John, mum]);

        Assert.Equal([John, mum], Assert.IsType<PayeeMatch.Ambiguous>(match).Candidates);
    }

    [Fact]
    public void An_exact_display_name_wins_over_a_longer_look_alike()
    {
        var smithson = new Payee("p-smithson", "Alice Smithson", [], "1212");

        var match = _resolver.Resolve(Heard("alice smith"), [smithson, AliceSmith]);

        Assert.Equal(AliceSmith, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void A_name_spoken_as_separate_words_still_matches()
    {
        var mcdonald = new Payee("p-mcd", "Rory McDonald", [], "4321");

        var match = _resolver.Resolve(Heard("rory mc donald"), [mcdonald, AliceSmith]);

        Assert.Equal(mcdonald, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Theory]
    [InlineData("Zebediah")]
    [InlineData("tim")]
    [InlineData("the electric company")]
    public void A_name_no_payee_has_is_not_found_and_is_said_back(string heard)
    {
        var match = _resolver.Resolve(Heard(heard), All);

        Assert.Equal(heard, Assert.IsType<PayeeMatch.NotFound>(match).Heard);
    }

    [Fact]
    public void A_person_with_no_payees_finds_nobody()
    {
        var match = _resolver.Resolve(Heard("mom"), []);

        Assert.Equal("mom", Assert.IsType<PayeeMatch.NotFound>(match).Heard);
    }

    [Fact]
    public void Words_without_letters_are_not_found()
    {
        Assert.IsType<PayeeMatch.NotFound>(_resolver.Resolve(Heard("?!"), All));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_slot_is_missing(string? value)
    {
        Assert.IsType<PayeeMatch.Missing>(_resolver.Resolve(Heard(value), All));
    }

    [Fact]
    public void An_absent_slot_is_missing()
    {
        Assert.IsType<PayeeMatch.Missing>(_resolver.Resolve(null, All));
    }

    [Fact]
    public void The_newer_slot_value_shape_is_read_when_value_is_absent()
    {
        var slot = new Slot { Name = "Payee", SlotValue = new SlotValue { Type = "Simple", Value = "mary" } };

        var match = _resolver.Resolve(slot, All);

        Assert.Equal(Mary, Assert.IsType<PayeeMatch.Found>(match).Payee);
    }

    [Fact]
    public void Typed_or_re_prompted_words_resolve_the_same_way()
    {
        Assert.Equal(John, Assert.IsType<PayeeMatch.Found>(PayeeResolver.ResolveHeard("Jon", All)).Payee);
        Assert.IsType<PayeeMatch.Missing>(PayeeResolver.ResolveHeard(" ", All));
    }
}
