namespace VoicePay.Host.Tests.Aot;

/// <summary>
/// A fact that needs the production Native AOT host (published with <c>-p:VoicePayLocalRuns=false</c>): skipped
/// unless <c>VOICEPAY_AOT_HOST_PRODUCTION</c> names the executable (build/test.sh sets it).
/// </summary>
public sealed class ProductionHostFactAttribute : FactAttribute
{
    public const string Variable = "VOICEPAY_AOT_HOST_PRODUCTION";

    public ProductionHostFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to the production VoicePay.Host executable to run this test.";
        }
    }
}
