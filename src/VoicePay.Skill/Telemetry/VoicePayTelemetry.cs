using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoicePay.Skill.Telemetry;

/// <summary>
/// The skill's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <c>VoicePay</c>
/// (docs/observability.md). System.Diagnostics only: nothing is recorded or allocated unless a
/// listener (OpenTelemetry in the host, the EMF writer in the Lambda, a test) subscribes.
/// Tags never carry a secret: no token, PIN, pepper or account number.
/// </summary>
public static class VoicePayTelemetry
{
    public const string Name = "VoicePay";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Transfers by what the skill learned: <c>outcome</c> = sent | declined | unknown, and <c>reason</c> when declined.</summary>
    public static readonly Counter<long> Transfers =
        Meter.CreateCounter<long>("voicepay.transfers", "{transfer}", "Transfers by outcome, recorded where the outcome is learned.");

    /// <summary>+1 when a transfer becomes unknown, -1 when an unknown one is settled; the running sum is the backlog.</summary>
    public static readonly UpDownCounter<long> UnknownTransfers =
        Meter.CreateUpDownCounter<long>("voicepay.transfers.unknown", "{transfer}", "Transfers entering (+1) and leaving (-1) the unknown state.");

    /// <summary>PIN checks by <c>result</c> = verified | wrong | locked | not_enrolled | busy.</summary>
    public static readonly Counter<long> PinAttempts =
        Meter.CreateCounter<long>("voicepay.pin.attempts", "{attempt}", "Voice PIN checks by result.");

    /// <summary>A wrong PIN that used the last attempt, locking voice payments.</summary>
    public static readonly Counter<long> PinLockouts =
        Meter.CreateCounter<long>("voicepay.pin.lockouts", "{lockout}", "Wrong PINs that locked voice payments.");

    /// <summary>Each bank call, retries included, by <c>operation</c> and <c>outcome</c> (ok or the bank error).</summary>
    public static readonly Histogram<double> BankDuration =
        Meter.CreateHistogram<double>("voicepay.bank.duration", "ms", "Payments API call latency, retries included.");

    /// <summary>Each turn through the pipeline by <c>request_type</c> and <c>intent</c>.</summary>
    public static readonly Histogram<double> TurnDuration =
        Meter.CreateHistogram<double>("voicepay.turn.duration", "ms", "Alexa request handling latency.");

    /// <summary>Alert notifications by <c>outcome</c> = delivered | retrying | failed | rejected (failed and rejected are kept, never dropped).</summary>
    public static readonly Counter<long> AlertNotifications =
        Meter.CreateCounter<long>("voicepay.alerts.notifications", "{notification}", "Alert notification attempts by outcome.");

    /// <summary>snake_case for tag values from enum names (<c>InsufficientFunds</c> → <c>insufficient_funds</c>).</summary>
    public static string TagValue<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
