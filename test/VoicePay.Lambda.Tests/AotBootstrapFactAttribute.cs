namespace VoicePay.Lambda.Tests;

/// <summary>A fact that needs the published (Native AOT) bootstrap: skipped unless <c>VOICEPAY_BOOTSTRAP</c> names it.</summary>
public sealed class AotBootstrapFactAttribute : FactAttribute
{
    public const string Variable = "VOICEPAY_BOOTSTRAP";

    public AotBootstrapFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to the published bootstrap executable to run this test.";
        }
    }
}
