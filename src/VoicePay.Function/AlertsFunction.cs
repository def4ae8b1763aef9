using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Lambda;
using VoicePay.Skill.Alerts;

namespace VoicePay.Function;

/// <summary>
/// The alert job as a Lambda handler: the same bootstrap and composition as the skill, selected by the
/// function's handler name (<c>_HANDLER</c> = <see cref="HandlerName"/>), invoked by an EventBridge schedule
/// (serverless.template). The scheduled event's body says nothing the job needs, so it is not read.
/// </summary>
public static class AlertsFunction
{
    public const string HandlerName = "alerts";

    public static bool IsSelected(string? handler) => string.Equals(handler, HandlerName, StringComparison.Ordinal);

    public static LambdaBootstrapBuilder Create(SkillFunction function, LambdaLogWriter logs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(logs);
        return LambdaBootstrapBuilder
            .Create((_, context) => RunAsync(function, context))
            .UseInitializer(function.InitializeAsync)
            .ConfigureOptions(o => o.LogWriter = logs);
    }

    private static async Task<Stream> RunAsync(SkillFunction function, ILambdaContext context)
    {
        var delivery = function.Services.GetService<AlertDelivery>()
            ?? throw new InvalidOperationException("The alert job is not composed: set VoicePay:AlertDelivery:Enabled to true for this function.");
        var pass = await delivery.RunOnceAsync(context.CancellationToken);

        // The pass's counts as the invocation's result (no secret, no personal data): visible in a test invoke.
        var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteNumber("eventsRead", pass.EventsRead);
            json.WriteNumber("alertsAdded", pass.AlertsAdded);
            json.WriteNumber("delivered", pass.Delivered);
            json.WriteNumber("retrying", pass.Retrying);
            json.WriteNumber("failed", pass.Failed);
            json.WriteNumber("swept", pass.Swept);
            if (pass.FeedError is { } error)
            {
                json.WriteString("feedError", error.ToString());
            }

            json.WriteEndObject();
        }

        output.Position = 0;
        return output;
    }
}
