using Microsoft.Extensions.DependencyInjection;

namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>How a <see cref="TestHost"/> is configured.</summary>
internal sealed record HostSettings
{
    /// <summary>Alexa request verification, trusting only <see cref="TestPki"/>'s root.</summary>
    public bool VerifyRequests { get; init; } = true;

    /// <summary>Serve the sandbox bank under /sandbox in the host itself (VoicePay:Sandbox:Enabled).</summary>
    public bool SandboxInHost { get; init; }

    /// <summary>
    /// Run a separate sandbox bank on its own loopback port and point VoicePay:Payments:BaseUrl at it:
    /// the host's own port is only known after it starts, too late for the payments client.
    /// </summary>
    public bool SeparateBank { get; init; } = true;

    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The ASP.NET Core environment; Development is what a local run uses.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Where the skill finds the separate bank (for a fault-injecting proxy in front of it); the bank itself when null.</summary>
    public Func<Uri, Uri>? BankAddress { get; init; }

    /// <summary>Configuration added last.</summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    /// <summary>Last-minute registrations, applied after the host's own.</summary>
    public Action<IServiceCollection>? Services { get; init; }
}
