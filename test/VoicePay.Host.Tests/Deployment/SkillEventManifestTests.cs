using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Alexa.Requests;
using VoicePay.Composition;
using VoicePay.Skill.Handlers;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// skill.json's skill events against the code: every subscribed event has a handler in the composition
/// root and every event handler is subscribed; alerts are published as AMAZON.MessageAlert.Activated
/// with the notifications permission; events go where the custom requests go.
/// Manifest shape: Amazon's skill manifest reference, "events" and "permissions".
/// </summary>
public sealed class SkillEventManifestTests
{
    private static JsonElement Manifest => RepositoryFiles.ReadJson("skill-package/skill.json").GetProperty("manifest");

    [Fact]
    public void Every_subscribed_event_has_a_handler_and_every_event_handler_is_subscribed()
    {
        var subscribed = Manifest.GetProperty("events").GetProperty("subscriptions").EnumerateArray()
            .Select(s => s.GetProperty("eventName").GetString()!)
            .ToList();
        Assert.Equal(subscribed.Count, subscribed.Distinct(StringComparer.Ordinal).Count());
        Assert.All(subscribed, name => Assert.True(SkillEventNames.RequestTypes.ContainsKey(name), $"{name} is not a skill event this model knows."));

        Assert.Equal(
            subscribed.Select(name => SkillEventNames.RequestTypes[name]).Order(StringComparer.Ordinal),
            HandledEventTypes().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Alerts_are_published_as_message_alerts_with_the_notifications_permission()
    {
        var publications = Manifest.GetProperty("events").GetProperty("publications").EnumerateArray().Select(p => p.GetProperty("eventName").GetString());
        var permissions = Manifest.GetProperty("permissions").EnumerateArray().Select(p => p.GetProperty("name").GetString());

        Assert.Equal([ProactiveEventNames.MessageAlertActivated], publications);
        Assert.Equal([PermissionScopes.NotificationsWrite], permissions);
    }

    [Fact]
    public void Events_go_to_the_custom_endpoint()
    {
        var events = Manifest.GetProperty("events").GetProperty("endpoint");
        var custom = Manifest.GetProperty("apis").GetProperty("custom").GetProperty("endpoint");

        Assert.Equal(Properties(custom), Properties(events));
    }

    private static List<KeyValuePair<string, string?>> Properties(JsonElement endpoint) =>
        [.. endpoint.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString())).OrderBy(p => p.Key, StringComparer.Ordinal)];

    private static List<string> HandledEventTypes()
    {
        var folder = Directory.CreateTempSubdirectory("voicepay-event-handlers-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>(LocalDefaults.Settings(new Uri("http://127.0.0.1:9/")))
            {
                ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var services = new ServiceCollection().AddLogging().AddVoicePay(configuration).BuildServiceProvider();

            var handlers = services.GetRequiredService<IEnumerable<IRequestHandler>>().OfType<ISkillEventHandler>().Select(h => h.RequestType).ToList();
            Assert.Equal(handlers.Count, handlers.Distinct(StringComparer.Ordinal).Count());
            return handlers;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
