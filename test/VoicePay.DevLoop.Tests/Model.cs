using VoicePay.Simulator;
using VoicePay.Testing;

namespace VoicePay.DevLoop.Tests;

internal static class Model
{
    public const string SkillId = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";

    public static InteractionModel Load(string locale = "en-US") =>
        InteractionModel.Load(InteractionModel.PathFor(RepositoryRoot.Find(), locale));
}
