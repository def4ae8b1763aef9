namespace VoicePay.Skill.State;

/// <summary>
/// Whose voice PIN a record, its attempt window and its lockout are (issue 19, item 5): the linked account's own
/// (<see cref="PersonId"/> null: a voice Alexa did not recognize, and <c>voicepay pin set</c> without <c>--person</c>), or
/// one recognized member of the household (<c>context.System.person.personId</c>), who has a PIN of their own on the
/// shared account and never falls back to the account's (docs/security.md).
/// </summary>
/// <remarks>A person ID is personal data: it is stored (docs/privacy.md) but never spoken, shown or logged, so this
/// type prints which kind of holder it is and nothing more.</remarks>
public readonly record struct PinHolder
{
    public PinHolder(string userId, string? personId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        UserId = userId;
        PersonId = string.IsNullOrWhiteSpace(personId) ? null : personId;
    }

    public string UserId { get; }

    /// <summary>Null: the account-level holder.</summary>
    public string? PersonId { get; }

    public bool IsPerson => PersonId is not null;

    /// <summary>The account-level holder of <paramref name="userId"/>.</summary>
    public static PinHolder Account(string userId) => new(userId);

    public override string ToString() => IsPerson ? "PinHolder(a recognized person)" : "PinHolder(the account)";
}
