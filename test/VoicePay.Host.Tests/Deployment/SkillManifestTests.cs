using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoicePay.Host.Tests.Deployment;

public sealed partial class SkillManifestTests
{
    private static readonly string[] ExpectedLocales = ["en-GB", "en-US"];

    private static JsonElement Manifest => RepositoryFiles.ReadJson("skill-package/skill.json").GetProperty("manifest");

    [Fact]
    public void Publishes_voice_pay_in_both_locales()
    {
        var locales = Manifest.GetProperty("publishingInformation").GetProperty("locales");

        Assert.Equal(ExpectedLocales, locales.EnumerateObject().Select(locale => locale.Name).Order(StringComparer.Ordinal));
        foreach (var locale in locales.EnumerateObject())
        {
            Assert.Equal("Voice Pay", locale.Value.GetProperty("name").GetString());
            Assert.False(string.IsNullOrWhiteSpace(locale.Value.GetProperty("summary").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(locale.Value.GetProperty("description").GetString()));
            Assert.NotEmpty(locale.Value.GetProperty("keywords").EnumerateArray());
            var phrases = locale.Value.GetProperty("examplePhrases").EnumerateArray().Select(phrase => phrase.GetString()!).ToList();
            Assert.InRange(phrases.Count, 1, 3);
            Assert.StartsWith("Alexa, open voice pay", phrases[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_published_locale_has_an_interaction_model_and_no_other()
    {
        var modelLocales = Directory.GetFiles(RepositoryFiles.PathOf("skill-package/interactionModels/custom"), "*.json")
            .Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(ExpectedLocales, modelLocales.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void Example_phrases_are_things_the_model_understands(string locale)
    {
        var model = InteractionModel.Load(locale);
        var phrases = Manifest.GetProperty("publishingInformation").GetProperty("locales").GetProperty(locale)
            .GetProperty("examplePhrases").EnumerateArray().Select(phrase => phrase.GetString()!).Skip(1);
        // A sample that is only a slot, such as "{Pin}", would match any phrase, so it proves nothing here.
        var samples = model.Intents.SelectMany(intent => intent.GetProperty("samples").EnumerateArray())
            .Select(sample => sample.GetString()!)
            .Where(sample => InteractionModel.SlotReferences(sample).Aggregate(sample, (rest, slot) => rest.Replace("{" + slot + "}", string.Empty, StringComparison.Ordinal)).Trim().Length > 0)
            .Select(SampleAsPattern)
            .ToList();

        Assert.All(phrases, phrase =>
        {
            var request = AskPrefix().Replace(phrase, string.Empty).TrimEnd('.', '?', '!');
            Assert.True(samples.Any(sample => sample.IsMatch(request)), $"'{phrase}' matches no sample utterance in {locale}");
        });
    }

    [Fact]
    public void Is_listed_under_business_and_finance_in_the_us_and_uk()
    {
        var publishing = Manifest.GetProperty("publishingInformation");

        Assert.Equal("BUSINESS_AND_FINANCE", publishing.GetProperty("category").GetString());
        Assert.False(publishing.GetProperty("isAvailableWorldwide").GetBoolean());
        Assert.Equal(["GB", "US"], publishing.GetProperty("distributionCountries").EnumerateArray().Select(country => country.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Privacy_answers_are_truthful_for_a_skill_that_moves_real_money()
    {
        var privacy = Manifest.GetProperty("privacyAndCompliance");

        // "Does this skill allow users to make purchases or spend real money?" Sending money is spending it.
        Assert.True(privacy.GetProperty("allowsPurchases").GetBoolean());
        Assert.True(privacy.GetProperty("usesPersonalInfo").GetBoolean());
        Assert.False(privacy.GetProperty("isChildDirected").GetBoolean());
        Assert.True(privacy.GetProperty("isExportCompliant").GetBoolean());
        Assert.False(privacy.GetProperty("containsAds").GetBoolean());
        foreach (var locale in ExpectedLocales)
        {
            var urls = privacy.GetProperty("locales").GetProperty(locale);
            Assert.StartsWith("https://", urls.GetProperty("privacyPolicyUrl").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("https://", urls.GetProperty("termsOfUseUrl").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Custom_endpoint_is_a_lambda_arn_or_an_https_url_with_a_certificate_type()
    {
        var custom = Manifest.GetProperty("apis").GetProperty("custom");
        var endpoint = custom.GetProperty("endpoint");
        var uri = endpoint.GetProperty("uri").GetString()!;

        if (uri.StartsWith("arn:", StringComparison.Ordinal))
        {
            Assert.False(endpoint.TryGetProperty("sslCertificateType", out _));
        }
        else
        {
            Assert.StartsWith("https://", uri, StringComparison.Ordinal);
            Assert.Contains(endpoint.GetProperty("sslCertificateType").GetString(), new[] { "Trusted", "Wildcard", "SelfSigned" });
        }

    }

    [Fact]
    public void The_manifest_declares_name_free_requests_which_the_skill_answers()
    {
        // Answered by CanFulfillIntentHandler (test/VoicePay.Skill.Tests/Conversation/NameFreeRequestTests.cs).
        var interfaces = Manifest.GetProperty("apis").GetProperty("custom").GetProperty("interfaces").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString()).ToList();
        Assert.Equal(["CAN_FULFILL_INTENT_REQUEST"], interfaces);
    }

    [Fact]
    public void Account_linking_uses_the_auth_code_grant_and_carries_no_real_secret()
    {
        var linking = RepositoryFiles.ReadJson("skill-package/accountLinking.json").GetProperty("accountLinkingRequest");

        Assert.Equal("AUTH_CODE", linking.GetProperty("type").GetString());
        Assert.False(linking.GetProperty("skipOnEnablement").GetBoolean());
        Assert.StartsWith("https://", linking.GetProperty("authorizationUrl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://", linking.GetProperty("accessTokenUrl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("REPLACE", linking.GetProperty("clientSecret").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_cli_deploys_the_rendered_skill_package_never_the_template()
    {
        var resources = RepositoryFiles.ReadJson("ask-resources.json");

        // skill-package/ holds placeholders; build/package-skill.sh renders it with the deploy parameters.
        Assert.Equal("2020-03-31", resources.GetProperty("askcliResourcesVersion").GetString());
        Assert.Equal("./artifacts/skill-package", resources.GetProperty("profiles").GetProperty("default").GetProperty("skillMetadata").GetProperty("src").GetString());
    }

    private static Regex SampleAsPattern(string sample)
    {
        var parts = InteractionModel.SlotReferences(sample).Aggregate(
            Regex.Escape(sample),
            (pattern, slot) => pattern.Replace(Regex.Escape("{" + slot + "}"), ".+", StringComparison.Ordinal));
        return new Regex("^" + parts + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"^Alexa, (ask|tell) voice pay (to )?", RegexOptions.IgnoreCase)]
    private static partial Regex AskPrefix();
}
