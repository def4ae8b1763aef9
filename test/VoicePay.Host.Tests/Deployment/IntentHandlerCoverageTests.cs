using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Composition;
using VoicePay.Skill.Conversation;
using VoicePay.Skill.Handlers;
using VoicePay.Skill.Pipeline;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// The handlers the composition root actually registers against the intents Alexa can send: an intent
/// without a handler would fall through to "Sorry, I didn't understand", a handler without an intent is dead code.
/// </summary>
public sealed class IntentHandlerCoverageTests
{
    public static TheoryData<string> Locales => InteractionModel.Locales;

    [Theory]
    [MemberData(nameof(Locales))]
    public void Every_intent_in_the_model_has_a_handler_and_every_handler_intent_is_in_the_model(string locale)
    {
        var handled = HandledIntents();

        Assert.Equal(
            InteractionModel.Load(locale).IntentNames.Order(StringComparer.Ordinal),
            handled.Order(StringComparer.Ordinal));
    }

    private static List<string> HandledIntents()
    {
        var folder = Directory.CreateTempSubdirectory("voicepay-handlers-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>(LocalDefaults.Settings(new Uri("http://127.0.0.1:9/")))
            {
                ["VoicePay:Storage:SqlitePath"] = Path.Combine(folder, "voicepay.db"),
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var services = new ServiceCollection().AddLogging().AddVoicePay(configuration).BuildServiceProvider();

            // One handler answers the whole conversation; the intents it takes are ConversationInputs.Intents.
            Assert.Single(services.GetRequiredService<IEnumerable<IRequestHandler>>().OfType<ConversationHandler>());
            return [.. ConversationInputs.Intents];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
