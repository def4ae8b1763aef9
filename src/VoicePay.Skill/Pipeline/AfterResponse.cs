namespace VoicePay.Skill.Pipeline;

/// <summary>
/// Work a turn leaves for after its answer is sent: it changes nothing in the answer, and the person should not wait
/// for it (a tokenless request's alert unlink, <see cref="AccountLinkInterceptor"/>). The Lambda function runs it after
/// posting the response and before asking for the next event (Lambda freezes the process only then); the host when
/// the response is complete; every other caller of <see cref="SkillPipeline.RespondAsync(Alexa.Requests.SkillRequest, CancellationToken)"/>
/// before it returns. Each item bounds its own time and handles its own failures.
/// </summary>
public sealed class AfterResponse
{
    private readonly List<Func<Task>> work = [];

    public void Add(Func<Task> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (work)
        {
            work.Add(item);
        }
    }

    /// <summary>Runs what was added, once, in order.</summary>
    public async Task RunAsync()
    {
        Func<Task>[] items;
        lock (work)
        {
            items = [.. work];
            work.Clear();
        }

        foreach (var item in items)
        {
            await item();
        }
    }
}
