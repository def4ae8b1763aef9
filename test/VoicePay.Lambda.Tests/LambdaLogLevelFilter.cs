using System.Text.Json;

namespace VoicePay.Lambda.Tests;

/// <summary>
/// What Lambda's advanced logging controls do with a function's application log lines when the log format is JSON
/// and <c>AWS_LAMBDA_LOG_LEVEL</c> is set (docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html):
/// a JSON object's <c>"level"</c> decides; a line whose level is missing or not one of Lambda's names counts as INFO,
/// and so does a line that is not a JSON object. Lines below the configured level never reach CloudWatch Logs.
/// </summary>
internal static class LambdaLogLevelFilter
{
    private static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    public static IEnumerable<string> Passing(string output, string configuredLevel) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => Rank(LevelOf(line)) >= Rank(configuredLevel));

    public static string LevelOf(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("level", out var level)
                && level.ValueKind == JsonValueKind.String
                && Array.IndexOf(Levels, level.GetString()!.ToUpperInvariant()) >= 0
                ? level.GetString()!.ToUpperInvariant()
                : "INFO";
        }
        catch (JsonException)
        {
            return "INFO";
        }
    }

    private static int Rank(string level) => Array.IndexOf(Levels, level);
}
