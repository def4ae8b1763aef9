using System.Text;
using System.Text.Json.Nodes;
using VoicePay.Composition;

namespace VoicePay.DevLoop.Tests;

/// <summary>
/// The whole alert path in a local run, as a developer sees it: a suspected-fraud event raised in the sandbox bank
/// (<c>voicepay bank event</c>) becomes one notification the host's alert job sends to the host's Amazon stand-in
/// (saying nothing financial), and the alert is heard inside the skill only after the voice PIN.
/// </summary>
public class LocalAlertTests
{
    [Fact]
    public async Task A_raised_fraud_event_is_notified_once_and_heard_after_the_pin()
    {
        using var data = new TempFolder();
        await using var host = await LocalHost.StartAsync(data.Path);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var raised = await Cli.RunAsync(null, "bank", "event", "suspected_fraud", "--data", data.Path);
        Assert.True(raised.ExitCode == 0, raised.Error);
        var eventId = raised.Output.Split(' ')[0];

        // The job runs every five seconds in a local run; bounded wait, not a timing assertion.
        var notification = await WaitForNotificationAsync(http, eventId, TimeSpan.FromSeconds(60));
        Assert.Equal(LocalDefaults.DemoUserId, notification["user"]!.GetValue<string>());
        Assert.True(notification["urgent"]!.GetValue<bool>());
        var body = notification["body"]!.GetValue<string>();
        Assert.DoesNotContain("950", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Example Store", body, StringComparison.Ordinal);
        Assert.DoesNotContain("4821", body, StringComparison.Ordinal);
        Assert.Contains("AMAZON.MessageAlert.Activated", body, StringComparison.Ordinal);

        // Later passes do not notify again.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Single(await NotificationsAsync(http), n => n!["referenceId"]!.GetValue<string>() == eventId);

        var welcome = await SayAsync(http, Launch());
        Assert.Contains("You have one new alert", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("950", welcome, StringComparison.Ordinal);

        var session = "amzn1.echo-api.session.alerts-" + Guid.NewGuid().ToString("N");
        var askPin = await SayAsync(http, Intent(session, "ReadAlertsIntent", null));
        Assert.Contains("PIN", askPin, StringComparison.Ordinal);
        Assert.DoesNotContain("950", askPin, StringComparison.Ordinal);

        var heard = await SayAsync(http, Intent(session, "PinIntent", ("Pin", LocalDefaults.DemoPin)));
        Assert.Equal("You have one alert: a card payment of $950.00 at Example Store was declined as suspected fraud. If it wasn't you, call your bank. Anything else?", heard);
    }

    private static async Task<JsonNode> WaitForNotificationAsync(HttpClient http, string eventId, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if ((await NotificationsAsync(http)).FirstOrDefault(n => n!["referenceId"]!.GetValue<string>() == eventId) is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No notification for {eventId} within {limit}.");
    }

    private static async Task<JsonArray> NotificationsAsync(HttpClient http) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri("sandbox/amazon/notifications", UriKind.Relative)))!.AsArray();

    private static async Task<string> SayAsync(HttpClient http, JsonObject envelope)
    {
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("alexa", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var ssml = JsonNode.Parse(text)!["response"]!["outputSpeech"]!["ssml"]!.GetValue<string>();
        return System.Xml.Linq.XDocument.Parse(ssml).Root!.Value;
    }

    private static JsonObject Launch() => Envelope("amzn1.echo-api.session.launch-" + Guid.NewGuid().ToString("N"), true, new JsonObject { ["type"] = "LaunchRequest" });

    private static JsonObject Intent(string session, string name, (string Name, string Value)? slot)
    {
        var slots = new JsonObject();
        if (slot is { } s)
        {
            slots[s.Name] = new JsonObject { ["name"] = s.Name, ["value"] = s.Value, ["confirmationStatus"] = "NONE" };
        }

        return Envelope(session, false, new JsonObject
        {
            ["type"] = "IntentRequest",
            ["dialogState"] = "COMPLETED",
            ["intent"] = new JsonObject { ["name"] = name, ["confirmationStatus"] = "NONE", ["slots"] = slots },
        });
    }

    private static JsonObject Envelope(string session, bool isNew, JsonObject request)
    {
        request["requestId"] = "amzn1.echo-api.request." + Guid.NewGuid().ToString("N");
        request["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        request["locale"] = "en-US";
        JsonObject User() => new() { ["userId"] = LocalDefaults.DemoUserId, ["accessToken"] = "demo-alice-token" };
        JsonObject App() => new() { ["applicationId"] = LocalDefaults.SkillId };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["session"] = new JsonObject { ["new"] = isNew, ["sessionId"] = session, ["application"] = App(), ["attributes"] = new JsonObject(), ["user"] = User() },
            ["context"] = new JsonObject { ["System"] = new JsonObject { ["application"] = App(), ["user"] = User(), ["device"] = new JsonObject { ["deviceId"] = "amzn1.ask.device.LOCAL", ["supportedInterfaces"] = new JsonObject() } } },
            ["request"] = request,
        };
    }
}
