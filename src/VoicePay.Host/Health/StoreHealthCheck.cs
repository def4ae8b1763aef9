using Microsoft.Extensions.Diagnostics.HealthChecks;
using VoicePay.Skill.State;

namespace VoicePay.Host.Health;

/// <summary>The user-state store answers a read (SQLite opens its file, DynamoDB reaches its table).</summary>
internal sealed class StoreHealthCheck(IUserStateStore store) : IHealthCheck
{
    // No user has this ID: the read finds nothing and changes nothing.
    private const string ProbeUser = "voicepay-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetConversationAsync(ProbeUser, ProbeUser, cancellationToken);
            return HealthCheckResult.Healthy("The user-state store answered.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the store throws, it is not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"The user-state store failed: {ex.GetType().Name}.", ex);
        }
    }
}
