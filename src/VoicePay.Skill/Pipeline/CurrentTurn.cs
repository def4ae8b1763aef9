namespace VoicePay.Skill.Pipeline;

/// <summary>
/// The turn being handled on this async flow, set by <see cref="SkillPipeline"/> for the handlers and
/// everything they await. It lets a decorator of a port (the progressive response around bank calls)
/// reach the request's envelope without every port taking it as an argument. Null outside a turn
/// (the alert delivery job, tests calling a port directly).
/// </summary>
public static class CurrentTurn
{
    private static readonly AsyncLocal<HandlerInput?> Current = new();

    public static HandlerInput? Input => Current.Value;

    /// <summary>Set inside the pipeline's own async method, so the value ends with it.</summary>
    internal static void Enter(HandlerInput input) => Current.Value = input;
}
