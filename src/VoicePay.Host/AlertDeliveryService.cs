using Microsoft.Extensions.Options;
using VoicePay.Skill.Alerts;

namespace VoicePay.Host;

/// <summary>
/// Runs the alert job in the host (<c>VoicePay:AlertDelivery:Enabled</c>): a pass every
/// <see cref="AlertDeliveryOptions.Interval"/>. On AWS the same pass runs on an EventBridge schedule instead.
/// A failing pass is logged and the next one runs as usual: the job never stops the host.
/// </summary>
public sealed partial class AlertDeliveryService(
    IServiceProvider services,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider time,
    ILogger<AlertDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Resolved here, not in the constructor, so a host without alerts configured never builds the job.
        var delivery = services.GetRequiredService<AlertDelivery>();
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await delivery.RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, exception.GetType().Name, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An alert pass failed ({ExceptionType}); the next one runs as scheduled")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType, Exception exception);
}
