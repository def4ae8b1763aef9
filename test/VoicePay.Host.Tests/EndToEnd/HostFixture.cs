namespace VoicePay.Host.Tests.EndToEnd;

/// <summary>One host per test class: starting Kestrel and SQLite per test would only add time.</summary>
public abstract class HostFixture : IAsyncLifetime
{
    private TestHost? _host;

    internal TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    internal abstract HostSettings Settings { get; }

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

public sealed class VerifyingHostFixture : HostFixture
{
    internal override HostSettings Settings => new() { VerifyRequests = true };
}

public sealed class DevModeHostFixture : HostFixture
{
    internal override HostSettings Settings => new() { VerifyRequests = false };
}

public sealed class SandboxInHostFixture : HostFixture
{
    internal override HostSettings Settings => new() { VerifyRequests = false, SandboxInHost = true, SeparateBank = false };
}

/// <summary>Development, as a local run: the environment where an exception would show the developer exception page.</summary>
public sealed class FuzzDevModeHostFixture : HostFixture
{
    internal override HostSettings Settings => new() { VerifyRequests = false, EnvironmentName = "Development" };
}

public sealed class FuzzVerifyingHostFixture : HostFixture
{
    internal override HostSettings Settings => new() { VerifyRequests = true };
}
