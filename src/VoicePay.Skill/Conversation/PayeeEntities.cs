using VoicePay.Alexa.Responses;
using VoicePay.Skill.Banking;

namespace VoicePay.Skill.Conversation;

/// <summary>The person's payees as dynamic PAYEE slot values, so Alexa's recognizer knows their names.</summary>
public static class PayeeEntities
{
    public static DialogUpdateDynamicEntitiesDirective For(IReadOnlyList<Payee> payees) => new()
    {
        UpdateBehavior = "REPLACE",
        Types =
        [
            new DynamicEntityType
            {
                Name = SlotTypeNames.Payee,
                Values = [.. payees.Select(p => new DynamicEntity
                {
                    Id = p.Id,
                    Name = new DynamicEntityName
                    {
                        Value = p.DisplayName,
                        Synonyms = [.. p.Nicknames.Append(p.DisplayName.Split(' ')[0]).Distinct(StringComparer.OrdinalIgnoreCase)],
                    },
                })],
            },
        ],
    };
}
