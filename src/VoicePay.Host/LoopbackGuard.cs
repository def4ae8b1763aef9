using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VoicePay.Host;

/// <summary>
/// Stops the host if request verification is off, or the sandbox bank is served, and any address it listens on is
/// not loopback. Until the addresses have been checked, every request gets 503: a refused host never serves one.
/// </summary>
public static partial class LoopbackGuard
{
    /// <summary>Holds requests back (503) until <see cref="EnsureLoopbackOnly"/> has approved the addresses.</summary>
    public static void UseGate(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = new Gate();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var verifyRequests = app.Services.GetRequiredService<IOptions<AlexaOptions>>().Value.VerifyRequests;
            var sandbox = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VoicePay.Host");
            gate.Open = EnsureLoopbackOnly(app, logger, verifyRequests, sandbox);
        });
        app.Use(async (context, next) =>
        {
            if (!gate.Open)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
    }

    /// <returns>True when every address is loopback; otherwise the host is stopping with exit code 2.</returns>
    public static bool EnsureLoopbackOnly(WebApplication app, ILogger logger, bool verifyRequests, bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            if (!verifyRequests)
            {
                LogRefused(logger, string.Join(", ", exposed));
            }

            if (sandbox)
            {
                LogSandboxRefused(logger, string.Join(", ", exposed));
            }

            app.Lifetime.StopApplication();
            Environment.ExitCode = 2;
            return false;
        }

        if (!verifyRequests)
        {
            LogVerificationOff(logger, string.Join(", ", addresses));
        }

        return true;
    }

    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Alexa request verification is OFF and the host listens on {Addresses}, which is not loopback. Refusing to run: turn verification on or bind to 127.0.0.1.")]
    private static partial void LogRefused(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The sandbox bank (VoicePay:Sandbox:Enabled) is on and the host listens on {Addresses}, which is not loopback. Refusing to run: the sandbox is for this machine only; turn it off or bind to 127.0.0.1.")]
    private static partial void LogSandboxRefused(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "*** Alexa request verification is OFF. Any local process can call POST /alexa on {Addresses}. Never run like this outside your own machine. ***")]
    private static partial void LogVerificationOff(ILogger logger, string addresses);
}

file sealed class Gate
{
    public volatile bool Open;
}
