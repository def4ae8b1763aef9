namespace VoicePay.Host;

/// <summary>
/// Host switches. <c>VoicePay:Alexa:VerifyRequests</c> is on unless turned off, and may be off
/// only on loopback; <c>VoicePay:Sandbox:Enabled</c> serves the sandbox bank for local runs.
/// </summary>
public sealed record HostOptions(bool VerifyRequests, bool Sandbox, string SandboxDatabase)
{
    public static HostOptions From(IConfiguration configuration) => new(
        VerifyRequests: !string.Equals(configuration["VoicePay:Alexa:VerifyRequests"], "false", StringComparison.OrdinalIgnoreCase),
        Sandbox: string.Equals(configuration["VoicePay:Sandbox:Enabled"], "true", StringComparison.OrdinalIgnoreCase),
        SandboxDatabase: configuration["VoicePay:Sandbox:SqlitePath"] is { Length: > 0 } path ? path : ".data/sandbox-bank.db");
}
