using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoicePay.Composition;

namespace VoicePay.Cli;

/// <summary>The same composition root as the host and the Lambda, on local defaults that environment variables can override.</summary>
internal static class LocalServices
{
    public static ServiceProvider Build(Uri? paymentsBaseUrl = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Settings(paymentsBaseUrl))
            .AddEnvironmentVariables()
            .Build();
        return new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddVoicePay(configuration)
            .BuildServiceProvider();
    }
}
