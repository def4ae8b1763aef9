using VoicePay.Alexa.Requests;
using VoicePay.Skill.Banking;

namespace VoicePay.Skill.Tests.Payees;

/// <summary>One person's payees as their bank app holds them, and slots as Alexa sends them.</summary>
internal static class PayeeBook
{
    public const string DynamicAuthority =
        "amzn1.er-authority.echo-sdk.dynamic.amzn1.ask.skill.00000000-0000-0000-0000-000000000000.PAYEE";

    public const string StaticAuthority =
        "amzn1.er-authority.echo-sdk.amzn1.ask.skill.00000000-0000-0000-0000-000000000000.PAYEE";

    // Nicknames are whatever the person set up in the bank's app.
    public static readonly Payee John = new("p-john", "John Miller", ["Mom"], "1111");
    public static readonly Payee AliceSmith = new("p-alice-s", "Alice Smith", [], "2222");
    public static readonly Payee AliceJones = new("p-alice-j", "Alice Jones", [], "3333");
    public static readonly Payee Bakery = new("p-bakery", "Tom & Jerry's Bakery", ["the bakery"], "4444");
    public static readonly Payee Mary = new("p-mary", "Mary Johnson", [], "5555");
    public static readonly Payee Katherine = new("p-kath", "Katherine Lee", [], "6666");
    public static readonly Payee Stephen = new("p-steve", "Stephen Clarke", [], "7777");
    public static readonly Payee Jose = new("p-jose", "José Álvarez", [], "8888");

    public static IReadOnlyList<Payee> All { get; } =
        [John, AliceSmith, AliceJones, Bakery, Mary, Katherine, Stephen, Jose];

    public static Slot Heard(string? value) => new() { Name = "Payee", Value = value };

    public static Slot Resolved(string? value, params ResolutionAuthority[] authorities) => new()
    {
        Name = "Payee",
        Value = value,
        Resolutions = new Resolutions { ResolutionsPerAuthority = [.. authorities] },
    };

    public static ResolutionAuthority Match(string authority, params string[] ids) => new()
    {
        Authority = authority,
        Status = new ResolutionStatus { Code = ResolutionStatusCodes.Match },
        Values = [.. ids.Select(id => new ResolutionValueWrapper { Value = new ResolvedValue { Name = "heard", Id = id } })],
    };

    public static ResolutionAuthority NoMatch(string authority) => new()
    {
        Authority = authority,
        Status = new ResolutionStatus { Code = ResolutionStatusCodes.NoMatch },
    };
}
