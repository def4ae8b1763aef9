using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoicePay.Sandbox.Api;
using VoicePay.Sandbox.Ledger;
using VoicePay.Sandbox.Seed;

namespace VoicePay.Sandbox;

/// <summary>Hosts the sandbox bank inside any ASP.NET Core app.</summary>
public static class SandboxBankServiceCollectionExtensions
{
    /// <summary>Registers the sandbox ledger. The database is created and seeded on first use.</summary>
    public static IServiceCollection AddSandboxBank(this IServiceCollection services, Action<SandboxBankOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SandboxBankOptions>()
            .Validate(
                o => o.ServiceKey.Length > 0 && !SandboxSeed.Customers.Any(c => c.Token == o.ServiceKey),
                "SandboxBankOptions.ServiceKey must be set and differ from every person's token.")
            .Validate(o => o.MaxEventsPerPage > 0 && o.LargeDebitThreshold > 0, "MaxEventsPerPage and LargeDebitThreshold must be positive.");
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxLedger>();
        return services;
    }

    /// <summary>Maps <c>/v1/accounts</c>, <c>/v1/payees</c>, <c>/v1/transfers</c>, <c>/v1/transactions</c>, <c>/v1/customer</c>, <c>/v1/events</c> and <c>/v1/sandbox/events</c>.</summary>
    /// <param name="endpoints">Where to map the bank (the host maps it under <c>/sandbox</c>).</param>
    /// <param name="developerTools">Whether to map the sandbox-only, unauthenticated <c>POST /v1/sandbox/events</c>.</param>
    public static IEndpointRouteBuilder MapSandboxBank(this IEndpointRouteBuilder endpoints, bool developerTools = true)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        SandboxBankEndpoints.Map(endpoints, developerTools);
        return endpoints;
    }
}
