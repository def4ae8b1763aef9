using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VoicePay.Host;

/// <summary>Stops the host if request verification is off and any address it listens on is not loopback.</summary>
public static partial class LoopbackGuard
{
    public static void EnsureLoopbackOnly(WebApplication app, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            LogRefused(logger, string.Join(", ", exposed));
            app.Lifetime.StopApplication();
            Environment.ExitCode = 2;
            return;
        }

        LogVerificationOff(logger, string.Join(", ", addresses));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "*** Alexa request verification is OFF. Any local process can call POST /alexa on {Addresses}. Never run like this outside your own machine. ***")]
    private static partial void LogVerificationOff(ILogger logger, string addresses);
}
