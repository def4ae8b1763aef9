namespace VoicePay.Host.Tests.Aot;

/// <summary>A fact that needs the Native AOT host: skipped unless <c>VOICEPAY_AOT_HOST</c> names the executable (build/test.sh sets it).</summary>
public sealed class AotHostFactAttribute : FactAttribute
{
    public const string Variable = "VOICEPAY_AOT_HOST";

    public AotHostFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to the published VoicePay.Host executable to run this test.";
        }
    }
}
