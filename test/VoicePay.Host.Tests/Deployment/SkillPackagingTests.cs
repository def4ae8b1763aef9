using System.Diagnostics;
using System.Text.Json;

namespace VoicePay.Host.Tests.Deployment;

/// <summary>
/// build/package-skill.sh, run as a deployer runs it: deploy parameters in, a skill package out that holds them
/// and no placeholder, or a refusal naming what is wrong and no package at all.
/// </summary>
public sealed class SkillPackagingTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:voicepay-VoicePayFunction-AbC123";

    private readonly string _out = Path.Combine(Path.GetTempPath(), "voicepay-skill-package-" + Guid.NewGuid().ToString("N"));

    private static Dictionary<string, string> Parameters() => new()
    {
        ["VOICEPAY_PRIVACY_POLICY_URL"] = "https://www.voicepay-bank.com/legal/privacy",
        ["VOICEPAY_TERMS_OF_USE_URL"] = "https://www.voicepay-bank.com/legal/terms",
        ["VOICEPAY_OAUTH_CLIENT_ID"] = "alexa-voicepay-prod",
        ["VOICEPAY_OAUTH_CLIENT_SECRET"] = "from-the-secret-store",
        ["VOICEPAY_OAUTH_AUTHORIZATION_URL"] = "https://auth.voicepay-bank.com/oauth2/authorize",
        ["VOICEPAY_OAUTH_TOKEN_URL"] = "https://auth.voicepay-bank.com/oauth2/token",
        ["VOICEPAY_SKILL_ENDPOINT"] = FunctionArn,
    };

    [Fact]
    public void The_package_carries_the_deploy_parameters_and_no_placeholder()
    {
        var (code, output) = Package(Parameters());

        Assert.True(code == 0, output);
        var manifest = ReadJson("skill.json").GetProperty("manifest");
        foreach (var locale in manifest.GetProperty("privacyAndCompliance").GetProperty("locales").EnumerateObject())
        {
            Assert.Equal("https://www.voicepay-bank.com/legal/privacy", locale.Value.GetProperty("privacyPolicyUrl").GetString());
            Assert.Equal("https://www.voicepay-bank.com/legal/terms", locale.Value.GetProperty("termsOfUseUrl").GetString());
        }

        var endpoint = manifest.GetProperty("apis").GetProperty("custom").GetProperty("endpoint");
        Assert.Equal(FunctionArn, endpoint.GetProperty("uri").GetString());
        Assert.False(endpoint.TryGetProperty("sslCertificateType", out _));
        var events = manifest.GetProperty("events").GetProperty("endpoint");
        Assert.Equal(FunctionArn, events.GetProperty("uri").GetString());
        Assert.False(events.TryGetProperty("sslCertificateType", out _));
        var linking = ReadJson("accountLinking.json").GetProperty("accountLinkingRequest");
        Assert.Equal("alexa-voicepay-prod", linking.GetProperty("clientId").GetString());
        Assert.Equal("from-the-secret-store", linking.GetProperty("clientSecret").GetString());
        Assert.Equal("https://auth.voicepay-bank.com/oauth2/token", linking.GetProperty("accessTokenUrl").GetString());
        Assert.Equal(
            Directory.GetFiles(RepositoryFiles.PathOf("skill-package/interactionModels/custom")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(_out, "interactionModels", "custom")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(_out, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("example.invalid", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("REPLACE_", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_checked_in_template_still_holds_placeholders_so_it_cannot_be_deployed_by_mistake()
    {
        Assert.Contains("example.invalid", RepositoryFiles.ReadText("skill-package/skill.json"), StringComparison.Ordinal);
        Assert.Contains("REPLACE_", RepositoryFiles.ReadText("skill-package/accountLinking.json"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VOICEPAY_PRIVACY_POLICY_URL", null, "VOICEPAY_PRIVACY_POLICY_URL is not set.")]
    [InlineData("VOICEPAY_TERMS_OF_USE_URL", null, "VOICEPAY_TERMS_OF_USE_URL is not set.")]
    [InlineData("VOICEPAY_OAUTH_CLIENT_ID", null, "VOICEPAY_OAUTH_CLIENT_ID is not set.")]
    [InlineData("VOICEPAY_OAUTH_CLIENT_SECRET", null, "VOICEPAY_OAUTH_CLIENT_SECRET is not set.")]
    [InlineData("VOICEPAY_PRIVACY_POLICY_URL", "https://example.invalid/voicepay/privacy", "VOICEPAY_PRIVACY_POLICY_URL is a placeholder")]
    [InlineData("VOICEPAY_TERMS_OF_USE_URL", "http://www.voicepay-bank.com/terms", "VOICEPAY_TERMS_OF_USE_URL must be an absolute https URL")]
    [InlineData("VOICEPAY_OAUTH_CLIENT_ID", "REPLACE_WITH_BANK_OAUTH_CLIENT_ID", "VOICEPAY_OAUTH_CLIENT_ID is a placeholder")]
    [InlineData("VOICEPAY_OAUTH_AUTHORIZATION_URL", "https://example.invalid/oauth2/authorize", "VOICEPAY_OAUTH_AUTHORIZATION_URL is a placeholder")]
    [InlineData("VOICEPAY_SKILL_ENDPOINT", "arn:aws:lambda:us-east-1:function:voicepay", "VOICEPAY_SKILL_ENDPOINT is not a Lambda function ARN")]
    [InlineData("VOICEPAY_SKILL_ENDPOINT", "https://example.invalid/alexa", "VOICEPAY_SKILL_ENDPOINT is a placeholder")]
    public void A_missing_or_placeholder_parameter_is_refused_and_nothing_is_written(string name, string? value, string reason)
    {
        var parameters = Parameters();
        if (value is null)
        {
            parameters.Remove(name);
        }
        else
        {
            parameters[name] = value;
        }

        var (code, output) = Package(parameters);

        Assert.NotEqual(0, code);
        Assert.Contains("Refusing to package the skill", output, StringComparison.Ordinal);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out), "A refused package must not be written.");
    }

    [Fact]
    public void Without_an_endpoint_the_package_has_none_so_the_skill_can_be_created_before_the_stack()
    {
        var parameters = Parameters();
        parameters.Remove("VOICEPAY_SKILL_ENDPOINT");

        var (code, output) = Package(parameters);

        Assert.True(code == 0, output);
        Assert.False(ReadJson("skill.json").GetProperty("manifest").GetProperty("apis").GetProperty("custom").TryGetProperty("endpoint", out _));
        Assert.False(ReadJson("skill.json").GetProperty("manifest").GetProperty("events").TryGetProperty("endpoint", out _));
        Assert.Contains("no endpoint yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_endpoint_gets_a_certificate_type_and_account_linking_can_be_left_to_the_console()
    {
        var parameters = Parameters();
        parameters["VOICEPAY_SKILL_ENDPOINT"] = "https://alexa.voicepay-bank.com/alexa";
        parameters.Remove("VOICEPAY_OAUTH_CLIENT_ID");
        parameters.Remove("VOICEPAY_OAUTH_CLIENT_SECRET");

        var (code, output) = Package(parameters, "--no-account-linking");

        Assert.True(code == 0, output);
        var endpoint = ReadJson("skill.json").GetProperty("manifest").GetProperty("apis").GetProperty("custom").GetProperty("endpoint");
        Assert.Equal("Trusted", endpoint.GetProperty("sslCertificateType").GetString());
        var events = ReadJson("skill.json").GetProperty("manifest").GetProperty("events").GetProperty("endpoint");
        Assert.Equal("https://alexa.voicepay-bank.com/alexa", events.GetProperty("uri").GetString());
        Assert.Equal("Trusted", events.GetProperty("sslCertificateType").GetString());
        Assert.False(File.Exists(Path.Combine(_out, "accountLinking.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private JsonElement ReadJson(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, name)));
        return json.RootElement.Clone();
    }

    private (int ExitCode, string Output) Package(Dictionary<string, string> parameters, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [RepositoryFiles.PathOf("build/package-skill.sh"), "--out", _out, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VOICEPAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in parameters)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
