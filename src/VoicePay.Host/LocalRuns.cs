using System.Diagnostics.CodeAnalysis;
using VoicePay.Composition.Options;

namespace VoicePay.Host;

/// <summary>
/// Whether this build holds the local-run parts: the sandbox bank, the demo PIN enrolment, the
/// development endpoints and the web simulator. A production build (<c>-p:VoicePayLocalRuns=false</c>)
/// sets the feature switch to false and the trimmer removes them: compiled out, not switched off.
/// </summary>
public static class LocalRuns
{
    public const string Switch = "VoicePay.Host.LocalRuns.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var supported) || supported;

    /// <summary>A production build asked for the sandbox: refuse to start, naming the key.</summary>
    public static VoicePayConfigurationException NotInThisBuild() =>
        new("VoicePay:Sandbox:Enabled is true, but this is a production build without the sandbox bank or the simulator (VoicePayLocalRuns=false). Set it to false.");
}
