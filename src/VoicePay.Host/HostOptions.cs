using Microsoft.Extensions.Options;
using VoicePay.Composition.Options;

namespace VoicePay.Host;

/// <summary>
/// The host's own configuration sections, registered and checked like <see cref="VoicePayOptions.All"/>: adding
/// one is one line here.
/// </summary>
public static class HostOptions
{
    public static IReadOnlyList<OptionsSection> All { get; } =
    [
        new OptionsSection<AlexaOptions>("VoicePay:Alexa", static (s, o) => s.Bind(o)),
        new OptionsSection<SandboxOptions>("VoicePay:Sandbox", static (s, o) => s.Bind(o), new SandboxOptionsValidator()),
        new OptionsSection<LocalOptions>("VoicePay:Local", static (s, o) => s.Bind(o)),
        new OptionsSection<TelemetryOptions>("VoicePay:Telemetry", static (s, o) => s.Bind(o), new TelemetryOptionsValidator()),
    ];

    /// <summary>The host's section holding <typeparamref name="T"/>, bound now from <paramref name="configuration"/>.</summary>
    public static T Read<T>(IConfiguration configuration)
        where T : class, new() => VoicePayOptions.Section<T>(All).Read(configuration);

    /// <summary>The key of a host setting, e.g. <c>VoicePay:Local:DataFolder</c>.</summary>
    public static string Key<T>(string property)
        where T : class, new() => VoicePayOptions.Key<T>(property, All);
}

/// <summary><c>VoicePay:Alexa</c>: off is refused unless every address is loopback (<see cref="LoopbackGuard"/>).</summary>
public sealed class AlexaOptions
{
    public bool VerifyRequests { get; set; } = true;
}

/// <summary><c>VoicePay:Sandbox</c>: the sandbox bank in this process, for local runs only.</summary>
public sealed class SandboxOptions
{
    public bool Enabled { get; set; }

    /// <summary>The ledger; a local run puts it in the data folder instead.</summary>
    public string SqlitePath { get; set; } = ".data/sandbox-bank.db";
}

/// <summary>The sandbox needs its ledger (a production build with the sandbox on is refused earlier, by <see cref="HostSetup"/>).</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled && string.IsNullOrWhiteSpace(options.SqlitePath)
            ? ValidateOptionsResult.Fail("SandboxOptions.SqlitePath must name a file when SandboxOptions.Enabled is true.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary><c>VoicePay:Local</c>: the data folder shared with the CLI (<see cref="Composition.LocalDefaults.DataFolder"/>).</summary>
public sealed class LocalOptions
{
    /// <summary>Unset: <c>$VOICEPAY_HOME</c>, else <c>.voicepay/</c> at the repository root.</summary>
    public string? DataFolder { get; set; }
}

/// <summary><c>VoicePay:Telemetry</c>: where to export over OTLP (<see cref="HostTelemetry"/>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>Unset: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else no export.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OtlpEndpoint is null or { IsAbsoluteUri: true, Scheme: "http" or "https" }
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("TelemetryOptions.OtlpEndpoint must be an absolute http(s) URL.");
    }
}
